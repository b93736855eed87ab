import { Module } from '@nestjs/common';
import { TopicRepository } from './topic.repository';
import { TopicsController } from './topics.controller';
import { TopicsService } from './topics.service';

@Module({
  controllers: [TopicsController],
  providers: [TopicRepository, TopicsService],
  exports: [TopicRepository],
})
export class TopicsModule {}
