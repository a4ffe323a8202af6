import { describe, expect, it } from 'vitest';
import { Cloud } from '../../simulator/cloud/cloud.js';
import {
  PRINCIPAL_KINDS,
  PRINCIPALS,
  STAFF_ROLES,
  isHostile,
  isLegitimateUser,
  isPrincipal,
  principalInfo,
  staffPrincipal,
  type Principal,
  type PrincipalKind,
} from '../../simulator/core/principals.js';
import { World } from '../../simulator/core/world.js';
import { installDefenses } from '../../simulator/defenses/index.js';
import { AttackMetrics } from '../../simulator/metrics/attack-metrics.js';
import { MetricsRecorder } from '../../simulator/metrics/recorder.js';

describe('principal catalogue', () => {
  it('has the six kinds, each with a description, and every kind has at least one principal', () => {
    expect(Object.keys(PRINCIPAL_KINDS).sort()).toEqual(['attacker', 'observer', 'owner', 'service', 'shared-user', 'staff']);
    for (const [kind, info] of Object.entries(PRINCIPAL_KINDS)) {
      expect(info.kind).toBe(kind);
      expect(info.description.length).toBeGreaterThan(10);
      expect(PRINCIPALS.some((p) => p.kind === kind)).toBe(true);
    }
  });

  it('labels are unique and describe themselves; every staff role is there benign and hostile', () => {
    const labels = PRINCIPALS.map((p) => p.principal);
    expect(new Set(labels).size).toBe(labels.length);
    for (const p of PRINCIPALS) {
      expect(principalInfo(p.principal)).toBe(p);
      expect(isPrincipal(p.principal)).toBe(true);
      expect(p.description.length).toBeGreaterThan(10);
      expect(PRINCIPAL_KINDS[p.kind].intents).toContain(p.intent);
      expect(p.hostile).toBe(p.intent === 'hostile');
      expect(p.legitimateUser).toBe(PRINCIPAL_KINDS[p.kind].legitimateUser);
      expect(p.role === null).toBe(p.kind !== 'staff');
    }
    const staff = PRINCIPALS.filter((p) => p.kind === 'staff');
    expect(staff).toHaveLength(2 * Object.keys(STAFF_ROLES).length);
    expect(labels).toEqual(expect.arrayContaining(['staff:support', 'staff:engineering', 'staff:video-annotation', 'staff:contractor']));
    expect(labels).toEqual(expect.arrayContaining(['insider:support', 'insider:engineering', 'insider:video-annotation', 'insider:contractor']));
  });

  it("keeps today's two labels as the event log has always written them", () => {
    expect(principalInfo('owner')).toMatchObject({ kind: 'owner', intent: 'benign', legitimateUser: true, hostile: false });
    expect(principalInfo('attacker')).toMatchObject({ kind: 'attacker', intent: 'hostile', legitimateUser: false, hostile: true });
  });

  it('legitimate users are owners and shared users; hostile are attackers and insiders', () => {
    const legitimate = PRINCIPALS.filter((p) => p.legitimateUser).map((p) => p.principal);
    const hostile = PRINCIPALS.filter((p) => p.hostile).map((p) => p.principal);
    expect(legitimate).toEqual(['owner', 'shared-user']);
    expect(hostile.sort()).toEqual(['attacker', 'insider:contractor', 'insider:engineering', 'insider:support', 'insider:video-annotation']);
    for (const kind of ['service', 'observer'] as PrincipalKind[]) {
      const p = PRINCIPALS.find((x) => x.kind === kind)!;
      expect([p.legitimateUser, p.hostile]).toEqual([false, false]);
    }
  });

  it('an insider is staff and hostile: kind and intent are separate facts', () => {
    const insider = principalInfo(staffPrincipal('video-annotation', 'hostile'))!;
    expect(insider).toMatchObject({ principal: 'insider:video-annotation', kind: 'staff', role: 'video-annotation', intent: 'hostile', hostile: true, legitimateUser: false });
    const annotator = principalInfo(staffPrincipal('video-annotation'))!;
    expect(annotator).toMatchObject({ principal: 'staff:video-annotation', kind: 'staff', role: 'video-annotation', intent: 'benign', hostile: false });
  });

  it('a string that names no principal (an event field is only a string) is neither user nor hostile', () => {
    for (const label of ['', 'Owner', 'staff', 'staff:janitor', 'insider', 'attacker ', 'toString', '__proto__']) {
      expect(principalInfo(label)).toBeUndefined();
      expect(isPrincipal(label)).toBe(false);
      expect(isHostile(label)).toBe(false);
      expect(isLegitimateUser(label)).toBe(false);
    }
  });

  it('the type admits catalogue labels only', () => {
    const ok: Principal[] = ['owner', 'shared-user', 'attacker', 'service', 'observer', 'staff:support', 'insider:contractor'];
    // @ts-expect-error a role the catalogue does not have
    const bad: Principal = 'staff:janitor';
    expect(ok.every(isPrincipal)).toBe(true);
    expect(isPrincipal(bad)).toBe(false);
  });
});

describe('metrics by the catalogue', () => {
  /** One home's account, every kind of principal logging in to it once with the right password, once with a wrong one. */
  function scoreLogins(actors: readonly Principal[]) {
    const world = new World({ seed: 3, retainLog: true });
    const cloud = new Cloud(world);
    cloud.accounts.create({ id: 'acct-0', email: 'home0@example.test', password: 'right', homeIds: ['home-0'], nowMs: 0 });
    installDefenses(cloud, world, []);
    const metrics = new AttackMetrics(world, cloud, new MetricsRecorder(world));
    actors.forEach((actor, i) => {
      const from = { ip: `192.0.2.${i + 1}`, clientFingerprint: `client-${i}`, actor };
      cloud.attemptLogin({ email: 'home0@example.test', password: 'wrong', ...from });
      cloud.attemptLogin({ email: 'home0@example.test', password: 'right', ...from });
    });
    return { result: metrics.finish(), world };
  }

  it('owners and shared users are the cost side, attackers and insiders the attack side, the rest neither', () => {
    const { result, world } = scoreLogins(['owner', 'shared-user', 'attacker', 'insider:support', 'staff:support', 'service', 'observer']);
    expect(result['owners.loginAttempts']).toBe(4);
    expect(result['owners.loginsOk']).toBe(2);
    expect(result['owners.wrongPasswords']).toBe(2);
    expect(result['attack.attempts']).toBe(4);
    expect(result['attack.validCredentials']).toBe(1); // one account, found by both
    expect(result['attack.takeovers']).toBe(1);
    // The log carries each label as it is.
    const actors = world.log.events().filter((e) => e.type === 'cloud.login').map((e) => (e as unknown as { actor: string }).actor);
    expect([...new Set(actors)]).toEqual(['owner', 'shared-user', 'attacker', 'insider:support', 'staff:support', 'service', 'observer']);
  });

  it('an insider alone takes the account over; benign staff never do', () => {
    expect(scoreLogins(['insider:engineering']).result['attack.takeovers']).toBe(1);
    const benign = scoreLogins(['staff:engineering', 'staff:contractor', 'service']).result;
    expect(benign['attack.takeovers']).toBe(0);
    expect(benign['attack.attempts']).toBe(0);
    expect(benign['owners.loginAttempts']).toBe(0);
  });
});
