/**
 * What the org would send, in the preview: after every save the emulated API accepts, the generated after-save
 * Lead flows (force-app/main/default/flows) run through the flow interpreter (scripts/interpreters/flow), exactly as in the
 * alert tests; scheduled paths (the SLA escalation) run when their time has come, checked whenever the bell is read.
 * The bell shows the custom notifications addressed to the signed-in user.
 *
 * The org records the flows look up are emulated: users (with their managers) from the sample data, the
 * escalation queue and the Custom Notification Type named in the definition (as if deployed; the notification
 * type only when its generated file exists, so a missing one fails the save as it would in the org).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import type { LeadMetadata } from '../../scripts/interpreters/formula/harness.ts';
import type { RecordUpdate, RecordValues, SentNotification } from '../../scripts/interpreters/flow/interpreter.ts';
import { loadAfterSaveLeadFlows, LeadFlowRuntime, saveWithAutomation, type SavingUser } from '../../scripts/interpreters/flow/runtime.ts';

/** Saves the rows a flow updated with the org's automation and returns each saved record with its prior values. */
export type Resave = (updates: RecordUpdate[]) => Array<{ record: RecordValues; prior: RecordValues | null }>;

export const PREVIEW_QUEUE_ID = '00GLG0000000001AAA';
export const PREVIEW_NOTIFICATION_TYPE_ID = '0MLLG0000000001AAA';

export interface BellItem extends SentNotification {
    /** Minutes from the save (or the scheduled time) to now, for "3 min ago". */
    ageMinutes: number;
}

export class PreviewAlerts {
    private readonly runtime: LeadFlowRuntime;

    constructor(root: string, meta: LeadMetadata, users: ReadonlyArray<RecordValues>, def: SqlDefinition = SQL_DEFINITION) {
        const typeName = def.alerts.notificationType.developerName;
        const typeDeployed = existsSync(join(root, 'force-app', 'main', 'default', 'notificationtypes', `${typeName}.notiftype-meta.xml`));
        this.runtime = new LeadFlowRuntime(
            loadAfterSaveLeadFlows(join(root, 'force-app', 'main', 'default', 'flows')),
            {
                User: users,
                Group: [{ Id: PREVIEW_QUEUE_ID, DeveloperName: def.alerts.slaMissed.queue, Type: 'Queue' }],
                CustomNotificationType: typeDeployed ? [{ Id: PREVIEW_NOTIFICATION_TYPE_ID, DeveloperName: typeName }] : []
            },
            meta
        );
    }

    /**
     * Runs the after-save flows for one accepted save, and for the saves of the rows they update (the alert stamp),
     * through `resave`; throws (the save must roll back) when a flow fails. Without `resave`, a flow's update is refused.
     */
    afterSave(record: RecordValues, prior: RecordValues | null, user: SavingUser, now: Date, resave?: Resave): SentNotification[] {
        const before = this.runtime.outbox.length;
        saveWithAutomation(
            this.runtime,
            [{ record, prior }],
            user,
            now,
            resave ??
                (() => {
                    throw new Error('a flow updated the lead, and this save cannot save it again.');
                })
        );
        return this.runtime.outbox.slice(before);
    }

    /** The signed-in user's notifications, newest first, after running every scheduled path due by `now`. */
    bell(userId: string, now: Date, current: (recordId: string) => RecordValues | null): BellItem[] {
        this.runtime.runDue(now, current);
        return this.runtime.outbox
            .filter((n) => n.recipientIds.includes(userId))
            .map((n) => ({ ...n, ageMinutes: Math.max(0, Math.floor((now.getTime() - Date.parse(n.at)) / 60_000)) }))
            .reverse();
    }
}
