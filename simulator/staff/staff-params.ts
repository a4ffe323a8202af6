import { z } from 'zod';
import { HOUR_MS } from '../core/duration.js';

const share = z.number().min(0).max(1);
const headcount = z.number().int().min(0).max(1000);

/**
 * The staff room's parameters, a scenario group `staff` (`--set staff.shiftHours=10`). Every
 * default is an assumption of this simulator unless a source is named: vendors publish no
 * staffing or ticket figures. A role name the catalogue does not know is refused (strict).
 */
export const staffParamsSchema = z
  .object({
    /** Headcount by role (simulator/core/principals.ts STAFF_ROLES); an assumption for a small town's share of a vendor. */
    support: headcount.default(6),
    engineering: headcount.default(3),
    'video-annotation': headcount.default(3),
    contractor: headcount.default(3),
    /** Length of a shift, hours (an assumption: an eight-hour shift). */
    shiftHours: z.number().gt(0).max(24).default(8),
    /** Support tickets a home raises a day (an assumption: about one a home every 100 days). */
    ticketsPerHomePerDay: z.number().min(0).max(100).default(0.01),
    /** Tickets that need a look at the home's clips ("why did it record this?"), the rest metadata ("shows offline"). An assumption. */
    clipTicketShare: share.default(0.5),
    /** Owners who consent when support asks to look at their clips for a ticket (an assumption). */
    ticketConsentShare: share.default(0.9),
    /** Owners who opted in to human review of their video for model training (an assumption; Ring had no opt-in until 2018, FTC v. Ring 2023). */
    reviewOptInShare: share.default(0.2),
    /** Mean wait before support picks a ticket up, ms, plus the wait for a shift (an assumption). */
    ticketPickupMeanMs: z.number().int().min(1).default(2 * HOUR_MS),
    /** Annotation jobs (one home's clips) an annotator or contractor does an hour on shift (an assumption). */
    annotationJobsPerHour: z.number().min(0).max(1000).default(3),
    /** The contractors' firm and region (FTC v. Ring 2023: contractors in Ukraine). */
    contractorVendor: z.string().min(1).default('outsourced-annotation-vendor'),
    contractorRegion: z.string().min(1).default('UA'),
  })
  .strict();

export type StaffParams = z.output<typeof staffParamsSchema>;
