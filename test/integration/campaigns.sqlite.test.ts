import { defineCampaignSuite } from './campaigns-suite';
import { sqliteTestStore } from './helpers/test-stores';

defineCampaignSuite('sqlite', sqliteTestStore);
