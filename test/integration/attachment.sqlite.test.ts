import { defineAttachmentSuite } from './attachment-suite';
import { sqliteTestStore } from './helpers/test-stores';

defineAttachmentSuite('sqlite', sqliteTestStore);
