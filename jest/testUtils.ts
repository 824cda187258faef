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

/** The project's own child components (c-*) rendered in `root`: the shadow trees a query descends into. */
function childComponents(root: Element | ShadowRoot): Element[] {
    return Array.from(root.querySelectorAll('*')).filter((element) => element.tagName.startsWith('C-') && element.shadowRoot);
}

/**
 * Every match in the component's shadow tree, then in the shadow trees of its own child components (c-*, depth
 * first, in document order): a component split into children is queried as the rep sees it. Base components
 * (lightning-*) stay opaque, as their markup is the platform's.
 */
export function $$<E extends Element = HTMLElement>(host: Element, selector: string): E[] {
    const root = host.shadowRoot ?? host;
    const found = Array.from(root.querySelectorAll<E>(selector));
    for (const child of childComponents(root)) found.push(...$$<E>(child, selector));
    return found;
}

/** The first match in the component's shadow tree, else in its child components' trees (see $$). */
export function $<E extends Element = HTMLElement>(host: Element, selector: string): E | null {
    const root = host.shadowRoot ?? host;
    const own = root.querySelector<E>(selector);
    if (own) return own;
    for (const child of childComponents(root)) {
        const found = $<E>(child, selector);
        if (found) return found;
    }
    return null;
}

/** The element that has focus, followed down through child components' shadow trees (null when focus is elsewhere). */
export function focused(host: Element): Element | null {
    let current = host.shadowRoot?.activeElement ?? null;
    while (current?.shadowRoot?.activeElement) current = current.shadowRoot.activeElement;
    return current;
}

/**
 * The set-up every component suite repeats: the clock frozen at `frozenAt` (NOW unless null: real time) before
 * each test, and the DOM, drafts, mocks and timers reset after each. Call once at the top of a describe block.
 */
export function useComponentTest({ frozenAt = NOW }: { frozenAt?: string | null } = {}): void {
    if (frozenAt !== null) beforeEach(() => freezeTime(frozenAt));
    afterEach(resetDom);
}

/**
 * Mounts the component, waits for its first render, then delivers each wire's value in order, waiting for the
 * render after each (a wire whose config depends on an earlier one, e.g. a record type id, is configured by then).
 * Returns the mounted element.
 */
export async function mountWired<T extends LightningElement>(
    tag: string,
    ctor: new () => T,
    props: Record<string, unknown> = {},
    wires: Array<[adapter: unknown, value: unknown]> = []
): Promise<HTMLElement> {
    const element = mount(tag, ctor, props);
    await flushPromises();
    for (const [adapter, value] of wires) {
        testWire(adapter).emit(value);
        await flushPromises();
    }
    return element;
}

/** Base inputs whose `field-level-help` would draw the platform's own help button beside their label. */
const BASE_INPUTS =
    'lightning-combobox, lightning-input, lightning-textarea, lightning-select, lightning-dual-listbox, lightning-radio-group';

/**
 * The name of every help button in the component (through its child components): each lightning-helptext's
 * alternative text ("Help" when it has none, as the platform names it then), and "field-level-help on <label>" for a
 * base input drawing its own, whose name LeadGate does not choose.
 */
export function helpButtonNames(host: Element): string[] {
    const helps = $$<HTMLElement & { alternativeText?: string }>(host, 'lightning-helptext').map((help) => help.alternativeText || 'Help');
    const inputs = $$<HTMLElement & { fieldLevelHelp?: string; label?: string }>(host, BASE_INPUTS)
        .filter((input) => input.fieldLevelHelp)
        .map((input) => `field-level-help on ${input.label ?? ''}`);
    return [...helps, ...inputs];
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
