/**
 * The Definition form's check, in the browser and in tests: the typed values become edits, and the edited
 * definition goes through `validateDefinition` (c/definitionCheck), the check the backtest and the generator
 * make, so the page can never accept what `npm run generate` would refuse. Messages are keyed by setting.
 */
import type { SqlDefinition } from 'c/sqlDefinition';
import { validateDefinition, type DefinitionProblem } from 'c/definitionCheck';
import { applyEdits, editableSettings, problemsAtSavedKeys, valueAt, type Edit } from '../../scripts/admin/studio/settings.ts';

export interface RawValue {
    key: string;
    /** What the admin typed (or chose). */
    text: string;
}

export interface FormCheck {
    /** The values that differ from the saved definition. */
    edits: Edit[];
    /** Problems keyed by setting: unreadable entries first, then validateDefinition's. */
    problems: DefinitionProblem[];
}

export function checkForm(saved: SqlDefinition, values: readonly RawValue[]): FormCheck {
    const edits: Edit[] = [];
    const problems: DefinitionProblem[] = [];
    const kinds = new Map(editableSettings(saved).map((s) => [s.key, s.kind]));
    for (const { key, text } of values) {
        // A text is kept as typed, but trimmed (validateDefinition refuses a blank one); a choice as chosen.
        if (kinds.get(key) === 'text' || kinds.get(key) === 'choice') {
            edits.push({ key, value: text.trim() });
            continue;
        }
        const trimmed = text.trim().replace(',', '.');
        const value = trimmed === '' ? Number.NaN : Number(trimmed);
        if (!Number.isFinite(value)) {
            problems.push({ key, message: trimmed === '' ? 'is blank: enter a number' : `is "${trimmed}": enter a number` });
            continue;
        }
        edits.push({ key, value });
    }
    if (problems.length) return { edits, problems };
    const proposed = applyEdits(saved, edits);
    return {
        edits: edits.filter((e) => e.value !== valueAt(saved, e.key)),
        problems: problemsAtSavedKeys(saved, validateDefinition(proposed), edits)
    };
}
