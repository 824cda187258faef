/**
 * The record page shell's "Send signal" form (preview only, see preview/server/signals.ts): posts one
 * LeadGate_Signal__e-shaped event for the lead to POST /preview/signals as the integration user, says what
 * happened, and refreshes the record so every getRecord wire on the page (score card, ledger, readiness list)
 * re-renders from the saved lead, without reloading the page.
 */
import { lds } from '../platform/ldsStore.ts';
import { requestJson } from '../platform/transport.ts';

interface Receipt {
    updated: Array<{ leadId: string; values: Record<string, string> }>;
    rejects: Array<{ index: number; reason: string; message: string }>;
    ignored: Array<{ index: number; reason: string }>;
}

const MS_PER_MINUTE = 60_000;

function describe(receipt: Receipt, label: string): string {
    const reject = receipt.rejects[0];
    if (reject) return `Refused (${reject.reason}): ${reject.message}`;
    const update = receipt.updated[0];
    if (update) {
        const [field, at] = Object.entries(update.values)[0] ?? [];
        return `${label} recorded: ${field ?? ''} is now ${at ? new Date(at).toLocaleString() : ''}.`;
    }
    return `No change: the lead already holds a ${label.toLowerCase()} at that time or later.`;
}

export function wireSignalForm(): void {
    const form = document.querySelector<HTMLFormElement>('form[data-preview="send-signal"]');
    if (!form) return;
    const result = form.querySelector<HTMLElement>('[data-id="send-signal-result"]');
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const recordId = form.dataset.recordId ?? '';
        const sender = form.dataset.sender ?? '';
        const type = form.querySelector<HTMLSelectElement>('select[name="signalType"]');
        const minutes = Number(form.querySelector<HTMLInputElement>('input[name="minutesAgo"]')?.value ?? '0');
        const occurredAt = new Date(Date.now() - (Number.isFinite(minutes) ? Math.max(0, minutes) : 0) * MS_PER_MINUTE).toISOString();
        const label = type?.selectedOptions[0]?.textContent?.replace(/\s*\(.*\)$/, '') ?? 'Signal';
        if (button) button.disabled = true;
        if (result) result.textContent = 'Sending...';
        const body = { Lead_Id__c: recordId, Signal_Type__c: type?.value ?? '', Occurred_At__c: occurredAt, Source__c: 'preview' };
        requestJson('POST', '/preview/signals', body, { 'X-LeadGate-User': sender })
            .then(async (receipt) => {
                if (result) result.textContent = describe(receipt as Receipt, label);
                await lds.refresh(recordId);
            })
            .catch((error: unknown) => {
                const detail = (error as { body?: Array<{ message?: string }> }).body?.[0]?.message;
                if (result) result.textContent = `The signal could not be sent: ${detail ?? String(error)}`;
            })
            .finally(() => {
                if (button) button.disabled = false;
            });
    });
}
