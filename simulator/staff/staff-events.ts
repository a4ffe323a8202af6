/** Events of the staff room and its audit (types only; the console and access-audit emit them). */
declare module '../core/event-log.js' {
  interface EventTypes {
    /** A staff read that reached stored data: how many clips came back in plaintext, how many private. */
    'staff.read': { staffId: string; homeId: string; clips: number; privateClips: number; plaintext: boolean };
    /** access-audit flagged a staff member: rule is volume, breadth, sensitivity, off-shift or no-ticket. */
    'staff.audit-alert': { staffId: string; rule: string; count: number };
    /** The security team reviewed an alert and suspended the account (acted) or dismissed it. */
    'staff.audit-review': { staffId: string; rule: string; acted: boolean };
    'staff.suspended': { staffId: string };
  }
}
export {};
