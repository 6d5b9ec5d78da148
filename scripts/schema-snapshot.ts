// Writes electron/core/db/schema.snapshot.sql from the migrations.
import fs from 'node:fs';
import { renderSchemaSnapshot } from '../electron/core/db/schema-snapshot.ts';

fs.writeFileSync('electron/core/db/schema.snapshot.sql', renderSchemaSnapshot());
console.log('wrote electron/core/db/schema.snapshot.sql');
