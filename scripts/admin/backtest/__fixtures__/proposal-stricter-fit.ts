// A proposal written as a module: the current definition with a stricter fit bar (used by the backtest tests).
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';

export const SQL_DEFINITION_PROPOSED: SqlDefinition = { ...SQL_DEFINITION, version: '2026.5-draft', bar: { ...SQL_DEFINITION.bar, minFit: 60 } };
