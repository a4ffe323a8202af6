import type { Cloud } from '../cloud/cloud.js';

/**
 * What reaches an owner outside the login answer: a login alert on their phone, and the new
 * password they chose after reacting to one. Owner actors subscribe here so they keep
 * logging in with the password they now use; the event log never carries passwords.
 */
export interface LoginAlertNotice {
  readonly accountId: string;
  readonly ip: string;
  readonly clientFingerprint: string;
  readonly atMs: number;
}

export interface OwnerPasswordChange {
  readonly accountId: string;
  readonly newPassword: string;
  readonly atMs: number;
  readonly cause: 'login-alert';
}

type Listener<T> = (notice: T) => void;

export class OwnerNotices {
  private readonly alertListeners: Array<Listener<LoginAlertNotice>> = [];
  private readonly passwordListeners: Array<Listener<OwnerPasswordChange>> = [];

  /** Called for every login alert sent (the owner's phone). */
  onLoginAlert(listener: Listener<LoginAlertNotice>): () => void {
    return subscribe(this.alertListeners, listener);
  }

  /** Called when an owner changed their password in reaction to an alert, with the new password. */
  onPasswordChanged(listener: Listener<OwnerPasswordChange>): () => void {
    return subscribe(this.passwordListeners, listener);
  }

  alert(notice: LoginAlertNotice): void {
    for (const listener of this.alertListeners) listener(notice);
  }

  passwordChanged(notice: OwnerPasswordChange): void {
    for (const listener of this.passwordListeners) listener(notice);
  }
}

function subscribe<T>(list: Array<Listener<T>>, listener: Listener<T>): () => void {
  list.push(listener);
  return () => {
    const i = list.indexOf(listener);
    if (i >= 0) list.splice(i, 1);
  };
}

const hubs = new WeakMap<Cloud, OwnerNotices>();

/** The notice hub of this cloud; usable before or after installDefenses. */
export function ownerNotices(cloud: Cloud): OwnerNotices {
  let hub = hubs.get(cloud);
  if (!hub) hubs.set(cloud, (hub = new OwnerNotices()));
  return hub;
}
