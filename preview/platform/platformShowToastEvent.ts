/**
 * lightning/platformShowToastEvent for the local preview. The event is the platform's
 * (`lightning__showtoast`, bubbling and composed); the preview's page shell listens for it on the
 * document and renders the toast, as Lightning Experience does.
 */
export const SHOW_TOAST_EVENT_NAME = 'lightning__showtoast';

export interface ShowToastEventInit {
    title?: string;
    message?: string;
    messageData?: Array<string | { url: string; label: string }>;
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
}

export class ShowToastEvent extends CustomEvent<ShowToastEventInit> {
    constructor(init: ShowToastEventInit) {
        super(SHOW_TOAST_EVENT_NAME, { bubbles: true, composed: true, cancelable: true, detail: init });
    }
}
