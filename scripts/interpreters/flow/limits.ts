/**
 * Documented platform limits that bound the generated alert flows, in one place for the alert tests and
 * docs/ADMIN.md (section 7a). Documented figures, not measured ones: an org's own limits page is the authority.
 */
export const ALERT_LIMITS = {
    /** Records per trigger batch: a bulk load reaches the after-save flows 200 records at a time. */
    triggerBatch: 200,
    /** DML statements per transaction (Apex governor limits); each Update Records element is one per batch. */
    dmlStatements: 150,
    /** SOQL queries per transaction; each Get Records element is one per batch. */
    soqlQueries: 100,
    /**
     * Mobile push notifications an org can send per clock hour (Mobile push notification limits: 20,000 iOS and
     * 10,000 Android). Past it, notifications are still created for the bell, only the push is not delivered.
     * The lower (Android) figure is the one an org with both kinds of phones must plan for.
     */
    pushPerHour: 10_000
} as const;

/** How many bulk loads of `leads` fit in one hour's push allowance when each load sends `notifications`. */
export function loadsPerHour(notifications: number, limit: number = ALERT_LIMITS.pushPerHour): number {
    if (notifications <= 0) return Infinity;
    return Math.floor(limit / notifications);
}
