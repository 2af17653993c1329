/** The owner authorization matrix (issue 7 §5), agents and marketplace part: see authorization-registry.ts. */
import { agentsRegistry } from './authorization-registry.agents';
import { matrixSuite } from './authorization-suite';

matrixSuite('agents and marketplace', agentsRegistry);
