/**
 * Who acts in a run: the catalogue of principal kinds, as ground truth for scoring only.
 * Sessions (`Session.heldBy`), login attempts (`LoginAttempt.actor`) and broker account
 * connections carry a principal; metrics ask the catalogue whether it is a legitimate user
 * of the home it acts on (what a defence costs them is cost) and whether it is hostile (what
 * it achieves is the attack's). Defences and attackers never read it: a real server cannot.
 *
 * A principal is written as its label, the very string the event log carries (`cloud.login`'s
 * `actor`, the `by` of account changes): 'owner' and 'attacker' are the labels the log has
 * always had, so every seeded run's log keeps its bytes and its hash. Staff carry their role
 * in the label, and their intent: kind and intent are separate facts, because an insider is
 * staff *and* hostile (FTC v. Ring LLC, No. 1:23-cv-1549, D.D.C. 2023: an employee viewed
 * thousands of customers' videos of bedrooms and bathrooms in 2017).
 */

export type PrincipalKind = 'owner' | 'shared-user' | 'attacker' | 'staff' | 'service' | 'observer';

/** Hostile principals are what attack metrics score; benign ones are not the attack. */
export type Intent = 'benign' | 'hostile';

export type StaffRole = 'support' | 'engineering' | 'video-annotation' | 'contractor';

/** Benign staff are `staff:{role}`; hostile staff (insiders) are `insider:{role}`. */
export type Principal = 'owner' | 'shared-user' | 'attacker' | 'service' | 'observer' | `staff:${StaffRole}` | `insider:${StaffRole}`;

export interface PrincipalKindInfo {
  readonly kind: PrincipalKind;
  /** A user of the home it acts on: refusals and prompts a defence gives it are the defence's cost (`owners.*`). */
  readonly legitimateUser: boolean;
  /** The intents a principal of this kind can act with: staff either, every other kind one. */
  readonly intents: readonly Intent[];
  readonly description: string;
}

export const PRINCIPAL_KINDS: Readonly<Record<PrincipalKind, PrincipalKindInfo>> = {
  owner: {
    kind: 'owner',
    legitimateUser: true,
    intents: ['benign'],
    description: "the account holder of a home, from their own phone's app",
  },
  'shared-user': {
    kind: 'shared-user',
    legitimateUser: true,
    intents: ['benign'],
    description: 'someone the owner invited to the home with a login of their own (Ring "Shared Users": family, a neighbour)',
  },
  attacker: {
    kind: 'attacker',
    legitimateUser: false,
    intents: ['hostile'],
    description: 'an outsider after accounts and devices: credential stuffing, takeover, MQTT-level attacks',
  },
  staff: {
    kind: 'staff',
    legitimateUser: false,
    intents: ['benign', 'hostile'],
    description: "the vendor's employees and contractors, by role; a hostile one is an insider (FTC v. Ring, 2023)",
  },
  service: {
    kind: 'service',
    legitimateUser: false,
    intents: ['benign'],
    description: "the vendor's own software acting on homes (the cloud's ingest, notifications)",
  },
  observer: {
    kind: 'observer',
    legitimateUser: false,
    intents: ['benign'],
    description: 'watches the run without taking part in it (the classroom dashboard)',
  },
};

export const STAFF_ROLES: Readonly<Record<StaffRole, string>> = {
  support: "customer support: troubleshooting a customer's devices, the one job that needs a home's video (FTC v. Ring, 2023)",
  engineering: 'engineers and researchers in product development (Ring gave them access to every customer video)',
  'video-annotation': "annotators labelling customers' videos to train computer-vision models (FTC v. Ring, 2023)",
  contractor: 'third-party contractors (Ring: hundreds in Ukraine with full video access, FTC v. Ring, 2023)',
};

/** One principal: its kind, role and intent, and what the metrics make of it. */
export interface PrincipalInfo {
  readonly principal: Principal;
  readonly kind: PrincipalKind;
  /** Set for staff only. */
  readonly role: StaffRole | null;
  readonly intent: Intent;
  readonly legitimateUser: boolean;
  readonly hostile: boolean;
  readonly description: string;
}

/** The label of a staff member in `role`: `staff:support`, or `insider:support` when hostile. */
export function staffPrincipal(role: StaffRole, intent: Intent = 'benign'): Principal {
  return intent === 'hostile' ? `insider:${role}` : `staff:${role}`;
}

function entry(principal: Principal, kind: PrincipalKind, intent: Intent, role: StaffRole | null, description: string): PrincipalInfo {
  const info = PRINCIPAL_KINDS[kind];
  if (!info.intents.includes(intent)) throw new Error(`principal ${principal}: a ${kind} cannot be ${intent}`);
  return Object.freeze({ principal, kind, role, intent, legitimateUser: info.legitimateUser, hostile: intent === 'hostile', description });
}

function buildCatalogue(): PrincipalInfo[] {
  const out: PrincipalInfo[] = [];
  for (const kind of Object.keys(PRINCIPAL_KINDS) as PrincipalKind[]) {
    const info = PRINCIPAL_KINDS[kind];
    if (kind !== 'staff') {
      out.push(entry(kind as Principal, kind, info.intents[0]!, null, info.description));
      continue;
    }
    for (const role of Object.keys(STAFF_ROLES) as StaffRole[]) {
      out.push(entry(staffPrincipal(role), 'staff', 'benign', role, `staff, ${STAFF_ROLES[role]}`));
      out.push(entry(staffPrincipal(role, 'hostile'), 'staff', 'hostile', role, `an insider: staff in ${role} abusing their access`));
    }
  }
  return out;
}

/** Every principal, kind by kind (staff: each role benign, then hostile). */
export const PRINCIPALS: readonly PrincipalInfo[] = Object.freeze(buildCatalogue());

const BY_LABEL: ReadonlyMap<string, PrincipalInfo> = new Map(PRINCIPALS.map((p) => [p.principal, p]));

/** The catalogue entry for a label from a session, an attempt or the log; undefined for a string that names no principal. */
export function principalInfo(label: string): PrincipalInfo | undefined {
  return BY_LABEL.get(label);
}

export function isPrincipal(label: string): label is Principal {
  return BY_LABEL.has(label);
}

/**
 * Whether a logged label is a legitimate user of the home (owner, shared user). Event
 * fields such as `by` are plain strings: one that names no principal is no user.
 */
export function isLegitimateUser(label: string): boolean {
  return BY_LABEL.get(label)?.legitimateUser === true;
}

/** Whether a logged label is hostile (attacker, insider); false for a string that names no principal. */
export function isHostile(label: string): boolean {
  return BY_LABEL.get(label)?.hostile === true;
}
