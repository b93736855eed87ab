import { randomUUID } from 'node:crypto';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_POLICY } from '../src/common/auth/access.decorators';
import { ROLES, type Role } from '../src/common/auth/principal';
import { buildOpenApiDocument } from '../src/openapi';
import { createNetwork, createPerson, createUnit, signedInAs, signIn, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  roles: string[];
}

describe('Access policy', () => {
  let t: TestApp;
  let operations: Operation[];
  const sessions = new Map<Role, SignedIn>();

  beforeAll(async () => {
    t = await createTestApp();
    const document = buildOpenApiDocument(t.app);
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({
        method,
        path,
        roles: (item[method] as unknown as Record<string, string[]>)['x-roles'],
      })),
    );
    for (const role of ROLES) sessions.set(role, await signedInAs(t, [role]));
  });
  afterAll(() => t.close());

  it('declares an access policy on every route handler', () => {
    const reflector = t.app.get(Reflector);
    const controllers = [...t.app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
    const missing: string[] = [];
    let handlers = 0;
    for (const wrapper of controllers) {
      const prototype = Object.getPrototypeOf(wrapper.instance);
      for (const name of Object.getOwnPropertyNames(prototype).filter((key) => key !== 'constructor')) {
        const handler = prototype[name];
        if (Reflect.getMetadata('path', handler) === undefined) continue;
        handlers += 1;
        if (!reflector.getAllAndOverride(ACCESS_POLICY, [handler, wrapper.metatype as object])) {
          missing.push(`${wrapper.name}.${name}`);
        }
      }
    }
    expect(handlers).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it('documents the roles of every operation', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.filter((operation) => !operation.roles || operation.roles.length === 0)).toEqual([]);
  });

  it('answers 401 to anonymous callers and 403 to roles outside the policy, on every endpoint', async () => {
    const surprises: string[] = [];
    for (const operation of operations) {
      const url = operation.path.replace(/\{[^}]+\}/g, randomUUID());
      const call = (headers: Record<string, string>) => t.http[operation.method](url).set(headers).send({});
      const anonymous = await call({});
      if (operation.roles.includes('anyone')) {
        // The guard lets anyone in; the operation may still find a credential it was given wanting
        // (an expired refresh cookie), which is no refusal of the caller.
        if (['unauthenticated', 'forbidden'].includes(anonymous.body.code))
          surprises.push(`${operation.method} ${url} refused anonymous`);
        continue;
      }
      if (anonymous.status !== 401) surprises.push(`${operation.method} ${url} anonymous → ${anonymous.status}`);
      for (const role of ROLES) {
        const allowed = operation.roles.includes('signed-in') || operation.roles.includes(role);
        // Signing out would end the shared session of the role, so it gets one of its own.
        const signsOut = operation.path.endsWith('/auth/logout') || operation.path.endsWith('/sign-out');
        const session = signsOut ? await signedInAs(t, [role]) : sessions.get(role)!;
        const response = await call(session.auth);
        if (allowed && (response.status === 401 || response.status === 403)) {
          surprises.push(`${operation.method} ${url} refused ${role} (${response.status})`);
        }
        if (!allowed && response.status !== 403)
          surprises.push(`${operation.method} ${url} ${role} → ${response.status}, expected 403`);
        if (!allowed) expect(response.body.code).toBe('forbidden');
      }
    }
    expect(surprises).toEqual([]);
  }, 120_000);

  it("keeps another person's record out of reach, except for the office and the manager of their unit", async () => {
    const network = await createNetwork(t);
    const unit = await createUnit(t, network.id);
    const otherUnit = await createUnit(t, network.id);
    const physician = await createPerson(t, { roles: ['attendee'], unitId: unit.id });
    const colleague = await signIn(t.http, await createPerson(t, { roles: ['attendee'], unitId: unit.id }));
    const manager = await signIn(t.http, await createPerson(t, { roles: ['manager'], unitId: unit.id }));
    const otherManager = await signIn(t.http, await createPerson(t, { roles: ['manager'], unitId: otherUnit.id }));
    const facilitator = sessions.get('facilitator')!;
    const office = sessions.get('office')!;

    await t.http.get(`/api/v1/people/${physician.id}`).set(office.auth).expect(200);
    await t.http.get(`/api/v1/people/${physician.id}`).set(manager.auth).expect(200);
    for (const stranger of [colleague, otherManager, facilitator]) {
      const response = await t.http.get(`/api/v1/people/${physician.id}`).set(stranger.auth).expect(404);
      expect(response.body.code).toBe('person_not_found');
    }
    await t.http.get(`/api/v1/people/${colleague.person.id}`).set(colleague.auth).expect(200);

    const staff = await t.http.get('/api/v1/people').set(manager.auth).expect(200);
    expect(staff.body.items.map((person: { id: string }) => person.id).sort()).toEqual(
      [physician.id, colleague.person.id, manager.person.id].sort(),
    );
    // Asking for another unit's staff does not widen a manager's scope.
    const otherStaff = await t.http.get('/api/v1/people').query({ unitId: unit.id }).set(otherManager.auth).expect(200);
    expect(otherStaff.body).toMatchObject({ items: [], total: 0 });
  });
});
