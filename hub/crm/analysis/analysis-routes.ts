import { CLIENT_EVENTS } from '../../../shared/protocol/events';
import type { CustomerAnalysisEventName } from '../../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../../socket/event-route';
import { refuse } from '../../sync/refusal';
import type { CrossSellService } from '../cross-sell/cross-sell-service';
import type { AnalysisService } from './analysis-service';

/** Customer analysis and cross-sell over the socket; who may call what is the contract's (CLIENT_EVENTS), checked before any handler runs. */
export function createAnalysisRoutes(analysis: AnalysisService, crossSell: CrossSellService): Record<CustomerAnalysisEventName, EventRoute> {
  return {
    'analysis:pyramid': route(CLIENT_EVENTS['analysis:pyramid'], 'analysis:pyramid', (): Promise<EventResult<'analysis:pyramid'>> => analysis.pyramid()),
    'analysis:lifecycle': route(CLIENT_EVENTS['analysis:lifecycle'], 'analysis:lifecycle', (): Promise<EventResult<'analysis:lifecycle'>> => analysis.lifecycle()),
    'analysis:migration': route(CLIENT_EVENTS['analysis:migration'], 'analysis:migration', (request): Promise<EventResult<'analysis:migration'>> =>
      analysis.migration(request),
    ),
    'analysis:churn': route(CLIENT_EVENTS['analysis:churn'], 'analysis:churn', (request): Promise<EventResult<'analysis:churn'>> => analysis.churn(request)),
    'customer:list': route(CLIENT_EVENTS['customer:list'], 'customer:list', (request): Promise<EventResult<'customer:list'>> => analysis.list(request)),
    'crossSell:suggest': route(CLIENT_EVENTS['crossSell:suggest'], 'crossSell:suggest', (request): Promise<EventResult<'crossSell:suggest'>> =>
      crossSell.suggest(request),
    ),
    'crossSell:record': route(CLIENT_EVENTS['crossSell:record'], 'crossSell:record', (request, { user }): Promise<EventResult<'crossSell:record'>> =>
      crossSell.record(user, request),
    ),
    'crossSell:figures': route(CLIENT_EVENTS['crossSell:figures'], 'crossSell:figures', (request): Promise<EventResult<'crossSell:figures'>> =>
      crossSell.figures(request),
    ),
    'crossSell:mine': route(CLIENT_EVENTS['crossSell:mine'], 'crossSell:mine', async (request, { user }): Promise<EventResult<'crossSell:mine'>> => {
      // Supervisors may mine again now; the thresholds are a setting, the administrators' to change.
      if (request.settings && user.role !== 'admin') throw refuse('forbidden', 'Only administrators change the cross-sell settings; mine without settings to use the saved ones.');
      return crossSell.mine(request.settings);
    }),
  };
}
