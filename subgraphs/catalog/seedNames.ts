/**
 * The readable words the catalog seed builds its data from. Every array is indexed by id arithmetic, so the same
 * plan always yields the same names.
 */

/** Departments, each with four categories, each with four leaves named after the (singular) thing they sell. */
export const DEPARTMENTS: readonly { name: string; categories: readonly [string, readonly string[]][] }[] = [
  {
    name: 'Outdoor',
    categories: [
      ['Camping', ['Tent', 'Sleeping Bag', 'Camp Stove', 'Lantern']],
      ['Hiking', ['Backpack', 'Trekking Pole', 'Hiking Boot', 'Water Filter']],
      ['Climbing', ['Harness', 'Carabiner', 'Chalk Bag', 'Climbing Rope']],
      ['Water Sports', ['Kayak', 'Paddle', 'Life Jacket', 'Dry Bag']],
    ],
  },
  {
    name: 'Kitchen',
    categories: [
      ['Cookware', ['Frying Pan', 'Saucepan', 'Stockpot', 'Wok']],
      ['Bakeware', ['Baking Tray', 'Cake Tin', 'Muffin Pan', 'Rolling Pin']],
      ['Appliances', ['Blender', 'Toaster', 'Kettle', 'Coffee Grinder']],
      ['Tableware', ['Plate', 'Bowl', 'Mug', 'Serving Platter']],
    ],
  },
  {
    name: 'Fashion',
    categories: [
      ['Tops', ['Shirt', 'Blouse', 'Sweater', 'Hoodie']],
      ['Bottoms', ['Skirt', 'Chino', 'Jogger', 'Legging']],
      ['Outerwear', ['Jacket', 'Raincoat', 'Parka', 'Vest']],
      ['Accessories', ['Belt', 'Watch', 'Wallet', 'Hat']],
    ],
  },
  {
    name: 'Electronics',
    categories: [
      ['Audio', ['Headphone', 'Speaker', 'Soundbar', 'Turntable']],
      ['Computing', ['Laptop', 'Monitor', 'Keyboard', 'Webcam']],
      ['Phones', ['Smartphone', 'Phone Case', 'Charger', 'Power Bank']],
      ['Cameras', ['Camera', 'Lens', 'Tripod', 'Drone']],
    ],
  },
  {
    name: 'Home',
    categories: [
      ['Furniture', ['Sofa', 'Armchair', 'Coffee Table', 'Bookcase']],
      ['Lighting', ['Floor Lamp', 'Desk Lamp', 'Pendant Light', 'String Light']],
      ['Bedding', ['Duvet', 'Pillow', 'Bed Sheet', 'Blanket']],
      ['Decor', ['Vase', 'Mirror', 'Picture Frame', 'Candle']],
    ],
  },
  {
    name: 'Sports',
    categories: [
      ['Running', ['Running Shoe', 'Sports Watch', 'Running Jacket', 'Hydration Belt']],
      ['Cycling', ['Bicycle', 'Bike Helmet', 'Bike Light', 'Cycling Glove']],
      ['Fitness', ['Dumbbell', 'Yoga Mat', 'Kettlebell', 'Resistance Band']],
      ['Team Sports', ['Football', 'Basketball', 'Volleyball', 'Hockey Stick']],
    ],
  },
  {
    name: 'Beauty',
    categories: [
      ['Skincare', ['Moisturiser', 'Cleanser', 'Serum', 'Face Mask']],
      ['Haircare', ['Shampoo', 'Conditioner', 'Hair Dryer', 'Hair Brush']],
      ['Makeup', ['Lipstick', 'Mascara', 'Foundation', 'Eyeliner']],
      ['Fragrance', ['Perfume', 'Cologne', 'Body Mist', 'Diffuser']],
    ],
  },
  {
    name: 'Toys',
    categories: [
      ['Building', ['Building Set', 'Block Set', 'Marble Run', 'Construction Kit']],
      ['Games', ['Board Game', 'Card Game', 'Puzzle', 'Dice Set']],
      ['Outdoor Play', ['Kite', 'Water Blaster', 'Scooter', 'Swing']],
      ['Plush', ['Teddy Bear', 'Plush Dog', 'Plush Cat', 'Plush Unicorn']],
    ],
  },
];

/** Departments whose variants differ by size; the others' differ by colour. */
export const SIZED_DEPARTMENTS: readonly string[] = ['Fashion', 'Sports'];

export const SIZES = ['S', 'M', 'L', 'XL'] as const;

// prettier-ignore
export const BRANDS = [
  'Acorn', 'Birchwood', 'Cobalt', 'Driftwood', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Ironbark', 'Juniper',
  'Kestrel', 'Lumen', 'Meridian', 'Nimbus', 'Oakridge', 'Pinnacle', 'Quarry', 'Redwood', 'Sable', 'Tundra',
  'Umber', 'Vantage', 'Willow', 'Xenon', 'Yarrow', 'Zephyr', 'Aurora', 'Beacon', 'Cascade', 'Dune',
  'Evergreen', 'Falcon', 'Glacier', 'Horizon', 'Indigo', 'Jasper', 'Keystone', 'Larch', 'Monsoon', 'Nova',
] as const;

// prettier-ignore
export const ADJECTIVES = [
  'Classic', 'Compact', 'Deluxe', 'Essential', 'Everyday', 'Heritage', 'Lightweight', 'Modern', 'Premium', 'Rugged',
  'Signature', 'Sleek', 'Smart', 'Sturdy', 'Urban', 'Vintage', 'Nordic', 'Coastal', 'Ultra', 'Trail',
] as const;

export const MODELS = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Sigma', 'Omega', 'Vega', 'Zeta'] as const;

// prettier-ignore
export const MATERIALS = [
  'Cotton', 'Steel', 'Aluminium', 'Bamboo', 'Wool', 'Nylon', 'Oak', 'Ceramic', 'Leather', 'Glass',
] as const;

export const COLOURS = ['Black', 'White', 'Navy', 'Olive', 'Sand', 'Red', 'Grey', 'Teal'] as const;

/** English plural of a leaf's noun; the nouns above are chosen so that these three rules suffice. */
export function plural(noun: string): string {
  if (/(s|sh|ch|x)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

/** Lower-case words joined by hyphens: `Water Sports` → `water-sports`. */
export function kebab(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
