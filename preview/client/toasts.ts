/**
 * Renders ShowToastEvent toasts in the page shell (SLDS toast markup). Text is set with textContent,
 * never parsed as HTML; `{0}` placeholders take messageData as links or plain text.
 */
interface ToastInit {
    title?: unknown;
    message?: unknown;
    messageData?: unknown;
    variant?: unknown;
    mode?: unknown;
}

const VARIANTS = new Set(['info', 'success', 'warning', 'error']);

function messageNodes(message: string, data: unknown): Node[] {
    const items = Array.isArray(data) ? data : [];
    const nodes: Node[] = [];
    let last = 0;
    for (const match of message.matchAll(/\{(\d+)\}/g)) {
        nodes.push(document.createTextNode(message.slice(last, match.index)));
        const item = items[Number(match[1])];
        if (item && typeof item === 'object' && typeof item.url === 'string' && /^(\/|https?:)/.test(item.url)) {
            const link = document.createElement('a');
            link.href = item.url;
            link.textContent = String(item.label ?? item.url);
            nodes.push(link);
        } else {
            nodes.push(document.createTextNode(item === undefined ? match[0] : String(item)));
        }
        last = (match.index ?? 0) + match[0].length;
    }
    nodes.push(document.createTextNode(message.slice(last)));
    return nodes;
}

export function showToast(init: ToastInit): void {
    const region = document.getElementById('toasts');
    if (!region) return;
    const variant = typeof init.variant === 'string' && VARIANTS.has(init.variant) ? init.variant : 'info';
    const toast = document.createElement('div');
    toast.className = `slds-notify slds-notify_toast slds-theme_${variant}`;
    toast.setAttribute('role', variant === 'error' || variant === 'warning' ? 'alert' : 'status');
    toast.dataset.variant = variant;
    const body = document.createElement('div');
    body.className = 'slds-notify__content';
    const title = document.createElement('h2');
    title.className = 'slds-text-heading_small';
    title.textContent = typeof init.title === 'string' ? init.title : '';
    body.appendChild(title);
    if (typeof init.message === 'string' && init.message !== '') {
        const message = document.createElement('p');
        message.append(...messageNodes(init.message, init.messageData));
        body.appendChild(message);
    }
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'slds-button slds-button_icon slds-notify__close slds-button_icon-inverse';
    close.setAttribute('aria-label', 'Close');
    close.textContent = '×';
    close.addEventListener('click', () => toast.remove());
    toast.append(body, close);
    region.appendChild(toast);
    if (init.mode !== 'sticky') setTimeout(() => toast.remove(), init.mode === 'pester' ? 3000 : 8000);
}
