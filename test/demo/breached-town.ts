/**
 * A small town where credential stuffing works and keeps going: every resident breached with
 * their password reused, no 2FA, 20 combo entries a home tried at 2 a minute from minute 10
 * (12 homes: two simulated hours of attempts, a takeover every ten minutes or so).
 */
export const BREACH_EVERYONE = [
  'combo.residentShare=1',
  'combo.entriesPerHome=20',
  'population.reuseRate=1',
  'population.modifiedReuseRate=0',
  'population.passwordManagerShare=0',
  'population.twoFactorAdoption=0',
  'attack.startMs=10m',
  'attack.ratePerMinute=2',
];
