/**
 * Keeps the header's notification bell current without a reload: asks GET /preview/notifications (the custom
 * notifications the generated alert flows sent to the signed-in user) every few seconds and redraws the list,
 * as the org's bell fills in when a notification arrives.
 */
import { requestJson } from '../platform/transport.ts';

interface BellItem {
    title: string;
    body: string;
    targetId: string;
    ageMinutes: number;
}

const POLL_MS = 3000;

function item(n: BellItem): HTMLLIElement {
    const li = document.createElement('li');
    li.className = 'slds-p-vertical_x-small';
    li.dataset.testid = 'bell-item';
    const link = document.createElement('a');
    link.href = `/lead/${encodeURIComponent(n.targetId)}`;
    const strong = document.createElement('strong');
    strong.textContent = n.title;
    link.appendChild(strong);
    const body = document.createElement('span');
    body.textContent = n.body;
    const age = document.createElement('span');
    age.className = 'preview-note';
    age.textContent = n.ageMinutes === 0 ? 'just now' : `${n.ageMinutes} min ago`;
    li.append(link, document.createElement('br'), body, document.createElement('br'), age);
    return li;
}

export function wireBell(): void {
    const bell = document.querySelector<HTMLDetailsElement>('[data-testid="bell"]');
    const count = bell?.querySelector<HTMLElement>('[data-testid="bell-count"]');
    const list = bell?.querySelector('ul');
    const summary = bell?.querySelector('summary');
    if (!bell || !count || !list || !summary) return;
    let shown = Number(count.textContent) || 0;
    const refresh = (): void => {
        requestJson('GET', '/preview/notifications').then(
            (data) => {
                const items = Array.isArray(data) ? (data as BellItem[]) : [];
                if (items.length === shown) return;
                shown = items.length;
                count.textContent = String(items.length);
                summary.setAttribute('aria-label', `Notifications: ${items.length}`);
                list.replaceChildren(...items.map(item));
            },
            () => undefined // the preview server is restarting: try again on the next tick
        );
    };
    setInterval(refresh, POLL_MS);
}
