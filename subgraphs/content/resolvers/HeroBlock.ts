import type { HeroBlockResolvers } from '../__generated__/resolvers.js';

export const HeroBlock: HeroBlockResolvers = {
  title: (block) => block.data.title,
  subtitle: (block) => block.data.subtitle ?? null,
  imageUrl: (block) => block.data.image_url,
  ctaLabel: (block) => block.data.cta_label ?? null,
  ctaUrl: (block) => block.data.cta_url ?? null,
};
