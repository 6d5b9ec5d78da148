// The static, append-only list of migrations (a static array survives bundling).
import type { Migration } from '../migration-types.ts';
import { migration001 } from './001-initial.ts';
import { migration002 } from './002-search-index.ts';
import { migration003 } from './003-search-stats.ts';
import { migration004 } from './004-annotation.ts';
import { migration005 } from './005-provenance.ts';
import { migration006 } from './006-annotation-search.ts';
import { migration007 } from './007-source-chunks.ts';
import { migration008 } from './008-facet-fields.ts';
import { migration009 } from './009-bands-by-key.ts';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
