/**
 * The explainable score: fit and intent against the SQL bar, every rule that fired with its points
 * (raw, age and decayed for intent; negative rules shown as such), and when intent decays below the bar.
 *
 * Two ways to use it: on a Lead record page with `recordId` (it reads the lead itself), or as a child
 * given `lead` (the qualification panel passes the rep's draft-merged lead so the score recomputes while
 * the rep types). All arithmetic is `scoreLead` and `intentForecast` from `c/leadScoring`.
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord, type RecordRepresentation, type WireResult } from 'lightning/uiRecordApi';
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { SHOWN_DEFINITION } from 'c/definitionLabels';
import { scoreLead, intentForecast, fieldsRead, type LeadScore, type IntentForecast, type LedgerLine } from 'c/leadScoring';
import { leadValuesOf, optionalLeadFields, reduceErrors, formatLabel, formatNumber, type FieldValues } from 'c/leadGateUi';

import LG_Score_Title from '@salesforce/label/c.LG_Score_Title';
import LG_Score_Loading from '@salesforce/label/c.LG_Score_Loading';
import LG_Score_LoadError from '@salesforce/label/c.LG_Score_LoadError';
import LG_Score_Fit from '@salesforce/label/c.LG_Score_Fit';
import LG_Score_Intent from '@salesforce/label/c.LG_Score_Intent';
import LG_Score_Meter from '@salesforce/label/c.LG_Score_Meter';
import LG_Score_AtOrAboveBar from '@salesforce/label/c.LG_Score_AtOrAboveBar';
import LG_Score_BelowBar from '@salesforce/label/c.LG_Score_BelowBar';
import LG_Score_MeetsBar from '@salesforce/label/c.LG_Score_MeetsBar';
import LG_Score_NotMeetsBar from '@salesforce/label/c.LG_Score_NotMeetsBar';
import LG_Score_Capped from '@salesforce/label/c.LG_Score_Capped';
import LG_Score_LedgerCaption from '@salesforce/label/c.LG_Score_LedgerCaption';
import LG_Score_ColRule from '@salesforce/label/c.LG_Score_ColRule';
import LG_Score_ColRaw from '@salesforce/label/c.LG_Score_ColRaw';
import LG_Score_ColAge from '@salesforce/label/c.LG_Score_ColAge';
import LG_Score_ColPoints from '@salesforce/label/c.LG_Score_ColPoints';
import LG_Score_FitSection from '@salesforce/label/c.LG_Score_FitSection';
import LG_Score_IntentSection from '@salesforce/label/c.LG_Score_IntentSection';
import LG_Score_NoFitRules from '@salesforce/label/c.LG_Score_NoFitRules';
import LG_Score_NoIntentSignals from '@salesforce/label/c.LG_Score_NoIntentSignals';
import LG_Score_NotApplicable from '@salesforce/label/c.LG_Score_NotApplicable';
import LG_Score_HalfLife from '@salesforce/label/c.LG_Score_HalfLife';
import LG_Score_ForecastDays from '@salesforce/label/c.LG_Score_ForecastDays';
import LG_Score_ForecastUnderADay from '@salesforce/label/c.LG_Score_ForecastUnderADay';
import LG_Score_ForecastBelow from '@salesforce/label/c.LG_Score_ForecastBelow';
import LG_Score_ForecastNoSignals from '@salesforce/label/c.LG_Score_ForecastNoSignals';
import LG_Score_Announce from '@salesforce/label/c.LG_Score_Announce';

const LABELS = {
    title: LG_Score_Title,
    loading: LG_Score_Loading,
    ledgerCaption: LG_Score_LedgerCaption,
    colRule: LG_Score_ColRule,
    colRaw: LG_Score_ColRaw,
    colAge: LG_Score_ColAge,
    colPoints: LG_Score_ColPoints,
    fitSection: LG_Score_FitSection,
    intentSection: LG_Score_IntentSection,
    noFitRules: LG_Score_NoFitRules,
    noIntentSignals: LG_Score_NoIntentSignals
};

const OPTIONAL_FIELDS = optionalLeadFields(fieldsRead());

interface Meter {
    key: string;
    label: string;
    value: number;
    bar: number;
    max: number;
    valueText: string;
    verdict: string;
    fillStyle: string;
    markerStyle: string;
    fillClass: string;
}

interface LedgerRow {
    key: string;
    rule: string;
    raw: string;
    age: string;
    points: string;
    pointsClass: string;
    negative: boolean;
}

const signed = (n: number, digits: number): string => (n > 0 ? `+${formatNumber(n, digits)}` : formatNumber(n, digits));

export default class LeadScoreCard extends LightningElement {
    labels = LABELS;

    /** The Lead to read when used on a record page on its own. */
    @api recordId: string | undefined;

    private _lead: FieldValues | undefined;

    /** The lead's field values, when a parent already has them (e.g. the rep's unsaved draft merged over the record). */
    @api
    get lead(): FieldValues | undefined {
        return this._lead;
    }
    set lead(value: FieldValues | undefined) {
        this._lead = value;
        this.recompute();
    }

    record: RecordRepresentation | undefined;
    loadError: unknown;
    score: LeadScore | undefined;
    forecast: IntentForecast | undefined;
    /** What the polite live region says: set only when the score changes after it was first shown. */
    announcement = '';
    private lastAnnounced: string | null = null;

    @wire(getRecord, { recordId: '$recordId', optionalFields: OPTIONAL_FIELDS })
    wiredRecord({ data, error }: WireResult<RecordRepresentation>): void {
        if (data) {
            this.record = data;
            this.loadError = undefined;
            this.recompute();
        } else if (error) {
            this.loadError = error;
        }
    }

    private get values(): FieldValues | undefined {
        if (this._lead) return this._lead;
        return this.record ? leadValuesOf(this.record) : undefined;
    }

    private recompute(): void {
        const values = this.values;
        if (!values) return;
        const now = Date.now();
        this.score = scoreLead(values, now, SHOWN_DEFINITION);
        this.forecast = intentForecast(values, now);
        const summary = formatLabel(
            LG_Score_Announce,
            this.score.fit,
            this.score.intent,
            this.score.meetsBar ? LG_Score_MeetsBar : LG_Score_NotMeetsBar
        );
        if (this.lastAnnounced !== null && summary !== this.lastAnnounced) this.announcement = summary;
        this.lastAnnounced = summary;
    }

    get isLoading(): boolean {
        return !this.score && !this.loadError;
    }

    get hasError(): boolean {
        return !this.score && Boolean(this.loadError);
    }

    get loadErrorText(): string {
        return formatLabel(LG_Score_LoadError, reduceErrors(this.loadError).pageErrors.join(' '));
    }

    get verdict(): string {
        return this.score?.meetsBar ? LG_Score_MeetsBar : LG_Score_NotMeetsBar;
    }

    get verdictClass(): string {
        return this.score?.meetsBar ? 'slds-badge slds-theme_success' : 'slds-badge slds-theme_warning';
    }

    get meters(): Meter[] {
        const s = this.score;
        if (!s) return [];
        return [
            this.meter('fit', LG_Score_Fit, s.fit, s.bar.minFit, SQL_DEFINITION.fit.range.max),
            this.meter('intent', LG_Score_Intent, s.intent, s.bar.minIntent, SQL_DEFINITION.intent.range.max)
        ];
    }

    private meter(key: string, label: string, value: number, bar: number, max: number): Meter {
        const pct = (n: number): number => Math.max(0, Math.min(100, (n / max) * 100));
        const atBar = value >= bar;
        return {
            key,
            label,
            value,
            bar,
            max,
            valueText: formatLabel(LG_Score_Meter, label, value, max, bar),
            verdict: atBar ? formatLabel(LG_Score_AtOrAboveBar, bar) : formatLabel(LG_Score_BelowBar, bar - value, bar),
            fillStyle: `width: ${pct(value)}%`,
            markerStyle: `left: ${pct(bar)}%`,
            fillClass: atBar ? 'slds-progress-bar__value slds-theme_success' : 'slds-progress-bar__value'
        };
    }

    get cappedNote(): string | null {
        const s = this.score;
        if (!s || s.fitSum === s.fit) return null;
        return formatLabel(LG_Score_Capped, s.fitSum, s.fit, SQL_DEFINITION.fit.range.min, SQL_DEFINITION.fit.range.max);
    }

    private rows(kind: LedgerLine['kind']): LedgerRow[] {
        return (this.score?.ledger ?? [])
            .filter((line) => line.kind === kind)
            .map((line) => {
                const points = line.points;
                const negative = points < 0;
                return {
                    key: `${line.kind}:${line.ruleId}`,
                    rule: line.label,
                    raw: signed(line.kind === 'intent' ? line.rawPoints : line.points, 0),
                    age: line.kind === 'intent' ? formatNumber(line.ageDays, 1) : LG_Score_NotApplicable,
                    points: signed(points, line.kind === 'intent' ? 1 : 0),
                    pointsClass: negative ? 'slds-text-color_error' : '',
                    negative
                };
            });
    }

    get fitRows(): LedgerRow[] {
        return this.rows('fit');
    }

    get intentRows(): LedgerRow[] {
        return this.rows('intent');
    }

    get hasFitRows(): boolean {
        return this.fitRows.length > 0;
    }

    get hasIntentRows(): boolean {
        return this.intentRows.length > 0;
    }

    get halfLifeText(): string {
        return formatLabel(LG_Score_HalfLife, SQL_DEFINITION.intent.halfLifeDays);
    }

    get forecastText(): string {
        const f = this.forecast;
        if (!f) return '';
        switch (f.state) {
            case 'noSignals':
                return LG_Score_ForecastNoSignals;
            case 'belowAlready':
                return LG_Score_ForecastBelow;
            default:
                return f.days !== null && f.days >= 1 ? formatLabel(LG_Score_ForecastDays, Math.floor(f.days)) : LG_Score_ForecastUnderADay;
        }
    }
}
