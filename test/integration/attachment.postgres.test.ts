import { defineAttachmentSuite } from './attachment-suite';
import { postgresTestStore } from './helpers/test-stores';

defineAttachmentSuite('postgres', postgresTestStore);
