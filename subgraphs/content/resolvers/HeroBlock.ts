import type { BlockRow } from '../db.js';

type Hero = BlockRow<'hero'>;

export const HeroBlock = {
  title: (block: Hero): string => block.data.title,
  subtitle: (block: Hero): string | null => block.data.subtitle ?? null,
  imageUrl: (block: Hero): string => block.data.image_url,
  ctaLabel: (block: Hero): string | null => block.data.cta_label ?? null,
  ctaUrl: (block: Hero): string | null => block.data.cta_url ?? null,
};
