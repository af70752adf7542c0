import { z } from 'zod';

/**
 * One page of an OData collection. The items stay `unknown` here so that one unreadable item can be
 * reported on its own instead of failing the page (and with it a whole delta round).
 */
export const GraphPage = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().nullish(),
  '@odata.deltaLink': z.string().nullish(),
});
export type GraphPage = z.infer<typeof GraphPage>;
