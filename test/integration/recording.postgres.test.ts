import { defineRecordingSuite } from './recording-suite';
import { postgresTestStore } from './helpers/test-stores';

defineRecordingSuite('postgres', postgresTestStore);
