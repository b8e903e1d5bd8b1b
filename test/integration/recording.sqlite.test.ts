import { defineRecordingSuite } from './recording-suite';
import { sqliteTestStore } from './helpers/test-stores';

defineRecordingSuite('sqlite', sqliteTestStore);
