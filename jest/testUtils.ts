// Shared helpers for the LWC Jest tests: mounting, waiting for renders, frozen time, wire adapters, DOM queries.
import type {} from '@sa11y/jest';
import { setImmediate as realSetImmediate } from 'node:timers';
import { createElement, type LightningElement } from 'lwc';

/** The instant every record-page test runs at (fixtures are dated relative to it). */
export const NOW = '2026-05-14T15:00:00.000Z';

/**
 * Freezes the clock at `at`: Date and the interval timers are faked (move them with jest.advanceTimersByTime).
 * setTimeout stays real, because the accessibility check (axe) refuses to run under a faked setTimeout.
 */
export function freezeTime(at: string = NOW): void {
    jest.useFakeTimers({
        now: new Date(at),
        doNotFake: [
            'nextTick',
            'queueMicrotask',
            'setImmediate',
            'clearImmediate',
            'setTimeout',
            'clearTimeout',
            'requestAnimationFrame',
            'cancelAnimationFrame'
        ]
    });
}

/** Resolves after pending promise callbacks and the re-render they trigger (uses Node's own timer, never a faked one). */
export function flushPromises(): Promise<void> {
    return new Promise((resolve) => realSetImmediate(resolve));
}

/** Creates the component, sets its public properties, and attaches it to the document. */
export function mount<T extends LightningElement>(tag: string, ctor: new () => T, props: Record<string, unknown> = {}): HTMLElement {
    const element = createElement(tag, { is: ctor as unknown as typeof LightningElement });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

/** Removes every mounted component, the rep's stored drafts, mock calls and fake timers. */
export function resetDom(): void {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    window.sessionStorage.clear();
    jest.clearAllMocks();
    jest.useRealTimers();
}

/** The test-side API of an sfdx-lwc-jest LDS wire adapter stub. */
export interface TestWireAdapter {
    emit(value: unknown, filter?: (config: Record<string, unknown>) => boolean): void;
    error(body?: unknown, status?: number, statusText?: string): void;
    getLastConfig(): Record<string, unknown> | null;
}

/** Views a stubbed wire adapter import (e.g. getRecord) as the test adapter it is under Jest. */
export function testWire(adapter: unknown): TestWireAdapter {
    return adapter as TestWireAdapter;
}

/** The first match in the component's shadow tree. */
export function $<E extends Element = HTMLElement>(host: Element, selector: string): E | null {
    return (host.shadowRoot ?? host).querySelector<E>(selector);
}

/** Every match in the component's shadow tree. */
export function $$<E extends Element = HTMLElement>(host: Element, selector: string): E[] {
    return Array.from((host.shadowRoot ?? host).querySelectorAll<E>(selector));
}

/** The text a user sees in `node`, descending into child components' shadow trees, whitespace collapsed. */
export function visibleText(node: Node): string {
    const parts: string[] = [];
    const walk = (current: Node): void => {
        if (current.nodeType === Node.TEXT_NODE) parts.push(current.textContent ?? '');
        const root = (current as Element).shadowRoot;
        if (root) root.childNodes.forEach(walk);
        current.childNodes.forEach(walk);
    };
    walk(node);
    return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Types into a native textarea or input the way a user does (value, then an input event). */
export function typeInto(field: HTMLTextAreaElement | HTMLInputElement, value: string): void {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Picks a value in a base component (lightning-combobox, lightning-radio-group) the way its change event reports it. */
export function pick(element: Element, value: string): void {
    (element as unknown as { value: string }).value = value;
    element.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

/** Clicks the button (base or native) whose data-action is `action`. */
export function clickAction(host: Element, action: string): void {
    const button = $(host, `[data-action="${action}"]`);
    if (!button) throw new Error(`No button with data-action="${action}" is rendered.`);
    button.click();
}
