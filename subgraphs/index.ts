import { catalog } from './catalog/index.js';
import { content } from './content/index.js';
import { customer } from './customer/index.js';
import { inventory } from './inventory/index.js';
import { pricing } from './pricing/index.js';
import type { Subgraph } from './shared/Subgraph.js';

/** The five subgraphs, in the order of supergraph.yaml (which is also their port order). */
export const subgraphs: readonly Subgraph[] = [catalog, inventory, pricing, customer, content];
