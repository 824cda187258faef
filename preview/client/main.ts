/**
 * The preview page's entry: synthetic shadow first (as in Lightning Experience, so SLDS classes reach
 * inside components), then the page plan the server wrote into the page (platform/context.ts) is mounted:
 * each region's components are created with their public properties (recordId, objectApiName, design
 * attributes). Toasts and refresh events from any component are handled here, as the LEX shell does.
 */
import '@lwc/synthetic-shadow';
import { createElement, type LightningElement } from 'lwc';
import { componentLoaders } from 'virtual:leadgate-components';
import { pageContext, type PlacedComponent } from '../platform/context.ts';
import { lds } from '../platform/ldsStore.ts';
import { wireBell } from './bell.ts';
import { wireSignalForm } from './signals.ts';
import { showToast } from './toasts.ts';
import { refreshView } from '../platform/refresh.ts';

const tagOf = (specifier: string): string => specifier.replace('/', '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function problem(container: Element, message: string): void {
    const box = document.createElement('div');
    box.className = 'slds-box slds-theme_error slds-m-bottom_small';
    box.setAttribute('role', 'alert');
    box.textContent = message;
    container.appendChild(box);
}

async function mount(): Promise<void> {
    const page = pageContext().page;
    if (page.kind === 'static') return;
    const placed: Array<{ container: Element; component: PlacedComponent }> = [];
    for (const region of page.regions) {
        const container = document.querySelector(`[data-region="${region.name}"]`);
        if (!container) continue;
        for (const component of region.components) placed.push({ container, component });
    }
    // Load every component's code first, then create them all in one go: their wires then share one request per record.
    type Loaded = { container: Element; component: PlacedComponent; ctor?: typeof LightningElement; error?: string };
    const loaded: Loaded[] = await Promise.all(
        placed.map(async ({ container, component }): Promise<Loaded> => {
            const load = componentLoaders[component.specifier];
            if (!load) return { container, component, error: `The preview has no component ${component.specifier}.` };
            try {
                return { container, component, ctor: (await load()).default };
            } catch (error) {
                return {
                    container,
                    component,
                    error: `${component.specifier} failed to load: ${error instanceof Error ? error.message : String(error)}`
                };
            }
        })
    );
    for (const entry of loaded) {
        if (!entry.ctor) {
            problem(entry.container, entry.error ?? `${entry.component.specifier} could not be shown.`);
            continue;
        }
        const element = createElement(tagOf(entry.component.specifier), { is: entry.ctor });
        Object.assign(element, entry.component.properties);
        const slot = document.createElement('div');
        slot.className = 'preview-component';
        slot.dataset.component = entry.component.specifier;
        slot.appendChild(element);
        entry.container.appendChild(slot);
    }
    document.body.dataset.mounted = 'true';
}

document.addEventListener('lightning__showtoast', (event) => showToast((event as CustomEvent).detail ?? {}));
document.addEventListener('lightning__refreshevent', () => {
    const page = pageContext().page;
    if (page.kind === 'record') void lds.refresh(page.recordId);
    void refreshView();
});

void mount();
wireSignalForm();
wireBell();
