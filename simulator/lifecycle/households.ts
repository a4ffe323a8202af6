import { DAY_MS } from '../core/duration.js';
import type { SeededRandom } from '../core/random.js';
import type { DataLifecycle } from './data-lifecycle.js';

/**
 * Households with a voice assistant (and, in some, a camera) as the lifecycle sees them:
 * adult and child profiles with seeded ages and activity, some going quiet for good (a child
 * outgrows the speaker), wake-word activations (recording → transcript → intent), the
 * phone app's location pings, camera clips with thumbnails and a labelling job of the cloud.
 * Coarse on purpose: one draw per profile per day, so two simulated years are routine.
 */
export interface HouseholdParams {
  /** Share of households with a child profile (an assumption; the Alexa complaint: 800,000+ child profiles in the US). */
  readonly childProfileShare: number;
  /** Mean wake-word activations a day per adult and per child profile (an assumption: a few a day). */
  readonly adultActivationsPerDay: number;
  readonly childActivationsPerDay: number;
  /** Share of profiles that go quiet for good at a uniform time in the run (an assumption). */
  readonly goesQuietShare: number;
  /** Location pings a day from the app of the first adult (an assumption: a coarse daily fix). */
  readonly locationPingsPerDay: number;
  /** Share of households with a camera, and its clips a day. */
  readonly cameraShare: number;
  readonly clipsPerDay: number;
  /** Share of clips a labelling job of the cloud annotates (an assumption). */
  readonly labelShare: number;
  /** Share of labelled clips reviewed without the owner's consent (the Ring order's finding; an assumption). */
  readonly unlawfulReviewShare: number;
  /** Share of profiles that consented to training (an assumption). */
  readonly trainingConsentShare: number;
}

export const DEFAULT_HOUSEHOLD_PARAMS: HouseholdParams = {
  childProfileShare: 0.3,
  adultActivationsPerDay: 1.5,
  childActivationsPerDay: 1,
  goesQuietShare: 0.3,
  locationPingsPerDay: 1,
  cameraShare: 0.3,
  clipsPerDay: 1,
  labelShare: 0.05,
  unlawfulReviewShare: 0.2,
  trainingConsentShare: 0.6,
};

interface Member {
  readonly profile: number;
  readonly child: boolean;
  readonly quietAtMs: number;
}

interface Household {
  readonly homeIndex: number;
  readonly members: readonly Member[];
  readonly camera: boolean;
}

/** Stochastic rounding: mean `rate`, one draw. */
function countFor(rate: number, random: SeededRandom): number {
  const whole = Math.floor(rate);
  return whole + (random.float() < rate - whole ? 1 : 0);
}

export class Households {
  readonly households: Household[] = [];
  /** Simulated actions (activations, pings, clips): the bench's cost unit. */
  actions = 0;

  constructor(private readonly lifecycle: DataLifecycle, private readonly random: SeededRandom, private readonly params: HouseholdParams, homes: number, horizonMs: number) {
    for (let homeIndex = 0; homeIndex < homes; homeIndex++) {
      const members: Member[] = [];
      const adults = random.int(1, 2);
      const children = random.chance(params.childProfileShare) ? random.int(1, 2) : 0;
      for (let i = 0; i < adults + children; i++) {
        const child = i >= adults;
        const age = child ? random.int(3, 12) : random.int(18, 80);
        const quietAtMs = random.chance(params.goesQuietShare) ? Math.floor(random.float() * horizonMs) : Infinity;
        const profile = lifecycle.addProfile(homeIndex, child, age, random.chance(params.trainingConsentShare));
        members.push({ profile: profile.id, child, quietAtMs });
      }
      this.households.push({ homeIndex, members, camera: random.chance(params.cameraShare) });
    }
  }

  start(): void {
    this.lifecycle.world.scheduler.every(DAY_MS, () => this.day());
  }

  /** One simulated day of every household. */
  day(): void {
    const now = this.lifecycle.world.now();
    const { random, params, lifecycle } = this;
    for (const household of this.households) {
      for (const member of household.members) {
        if (now >= member.quietAtMs) continue;
        const n = countFor(member.child ? params.childActivationsPerDay : params.adultActivationsPerDay, random);
        for (let i = 0; i < n; i++) lifecycle.voiceActivation(member.profile);
        this.actions += n;
      }
      const owner = household.members[0]!;
      const pings = countFor(params.locationPingsPerDay, random);
      for (let i = 0; i < pings; i++) lifecycle.record('location', owner.profile);
      this.actions += pings;
      if (!household.camera) continue;
      const clips = countFor(params.clipsPerDay, random);
      for (let i = 0; i < clips; i++) {
        const clip = lifecycle.record('clip', owner.profile);
        if (clip === undefined) continue;
        lifecycle.derive(clip, 'thumbnail');
        if (random.chance(params.labelShare)) {
          const label = lifecycle.derive(clip, 'label')!;
          if (random.chance(params.unlawfulReviewShare)) lifecycle.store.markUnlawfullyReviewed(label);
        }
      }
      this.actions += clips;
    }
  }
}
