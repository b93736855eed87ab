import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { TopicRepository } from './topic.repository';
import { TopicsController } from './topics.controller';
import { TopicsService } from './topics.service';

@Module({
  imports: [DirectoryModule],
  controllers: [TopicsController],
  providers: [TopicRepository, TopicsService],
  exports: [TopicRepository],
})
export class TopicsModule {}
