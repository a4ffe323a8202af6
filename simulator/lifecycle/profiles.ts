/** A household's voice profiles (adult or child): the subjects of the lifecycle's items. */
export interface Profile {
  readonly id: number;
  readonly homeIndex: number;
  readonly child: boolean;
  readonly ageYears: number;
  /** Training consent given when the profile was made (the lifecycle's `consentShare`). */
  readonly trainingConsent: boolean;
  lastActiveMs: number;
  /** A parent asked to keep it (Alexa order: unless a parent keeps it). */
  keptByParent: boolean;
  deletedAtMs: number | undefined;
  deletedBecause: string | undefined;
}

export class ProfileTable {
  private readonly all: Profile[] = [];
  private readonly byHome = new Map<number, number[]>();

  add(homeIndex: number, child: boolean, ageYears: number, trainingConsent: boolean, nowMs: number): Profile {
    const profile: Profile = { id: this.all.length, homeIndex, child, ageYears, trainingConsent, lastActiveMs: nowMs, keptByParent: false, deletedAtMs: undefined, deletedBecause: undefined };
    this.all.push(profile);
    const list = this.byHome.get(homeIndex) ?? [];
    list.push(profile.id);
    this.byHome.set(homeIndex, list);
    return profile;
  }

  get(id: number): Profile | undefined {
    return Number.isSafeInteger(id) ? this.all[id] : undefined;
  }

  ofHome(homeIndex: number): readonly number[] {
    return this.byHome.get(homeIndex) ?? [];
  }

  hasHome(homeIndex: number): boolean {
    return this.byHome.has(homeIndex);
  }

  get count(): number {
    return this.all.length;
  }

  *[Symbol.iterator](): IterableIterator<Profile> {
    yield* this.all;
  }
}
