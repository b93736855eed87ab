import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Something a module did that later modules may act on. `type` names it, `module.event`. */
export interface DomainEvent {
  type: string;
}

type Handler<E extends DomainEvent> = (manager: EntityManager, event: E) => Promise<void>;

/**
 * How a module tells modules that depend on it what happened, without depending on them: handlers
 * run in the publisher's transaction, so the event and everything its handlers write commit or roll
 * back together.
 */
@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<string, Handler<DomainEvent>[]>();

  on<E extends DomainEvent>(type: E['type'], handler: Handler<E>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as Handler<DomainEvent>);
    this.handlers.set(type, list);
  }

  /** Runs every handler of the event in turn; the first failure fails the publisher's transaction. */
  async publish<E extends DomainEvent>(manager: EntityManager, event: E): Promise<void> {
    for (const handler of this.handlers.get(event.type) ?? []) await handler(manager, event);
  }
}

@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class EventsModule {}
