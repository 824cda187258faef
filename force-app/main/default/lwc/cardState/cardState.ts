/**
 * The states a LeadGate card shows instead of its content: loading (or saving) with a spinner, an error that
 * says what to do next, or nothing to show yet. One markup for every card, so they look and read alike.
 */
import { LightningElement, api } from 'lwc';

export type CardStateKind = 'loading' | 'saving' | 'error' | 'empty';

export default class CardState extends LightningElement {
    /** Which state: loading (a spinner), saving (a smaller spinner under the form), error or empty. */
    @api state: CardStateKind = 'loading';
    /** The words: the spinner's alternative text, the error, or why there is nothing to show. */
    @api message = '';
    /** The empty state's data-id, where a card names its own (e.g. no-mql). */
    @api emptyId = 'empty';

    get isSpinner(): boolean {
        return this.state === 'loading' || this.state === 'saving';
    }

    get isError(): boolean {
        return this.state === 'error';
    }

    get spinnerClass(): string {
        return this.state === 'saving' ? 'slds-is-relative slds-p-vertical_medium' : 'slds-is-relative slds-p-vertical_large';
    }
}
