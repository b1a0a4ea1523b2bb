import type { CalibreRef } from './types';

/**
 * Calibres met in the Sahel, Central Africa, Libya and Sudan. Keys are canonical
 * (`<bore>x<case>[R|SR|B]` or `<n>mm`); aliases hold only names that do not follow the
 * numeric pattern (the parser already handles commas, ×, spaces and "mm").
 *
 * A key with a case-type suffix (R, SR, B) is also reached from the bare numeric form
 * ("7.62x54" finds 7.62x54R) as long as it is the only suffixed key for that base.
 */
export const calibres: CalibreRef[] = [
  // Pistol, rifle and machine-gun cartridges
  { key: '5.45x39', label: '5.45×39 mm', kind: 'small_arms', aliases: [] },
  {
    key: '5.56x45',
    label: '5.56×45 mm',
    kind: 'small_arms',
    aliases: ['5.56 NATO', '5.56 mm NATO', '.223 Remington', '.223 Rem', '.223'],
  },
  { key: '7.62x39', label: '7.62×39 mm', kind: 'small_arms', aliases: ['7.62 M43', '7.62 mm M43'] },
  {
    key: '7.62x51',
    label: '7.62×51 mm',
    kind: 'small_arms',
    aliases: ['7.62 NATO', '7.62 mm NATO', '.308 Winchester', '.308 Win', '.308'],
  },
  {
    key: '7.62x54R',
    label: '7.62×54R mm',
    kind: 'small_arms',
    aliases: ['7.62 Russian', '7.62 Mosin', '7.62 Mosin-Nagant'],
  },
  { key: '7.62x25', label: '7.62×25 mm', kind: 'small_arms', aliases: ['7.62 Tokarev', '7.62 mm Tokarev', '7.62 TT'] },
  { key: '7.62x63', label: '7.62×63 mm', kind: 'small_arms', aliases: ['.30-06 Springfield', '.30-06'] },
  { key: '7.5x54', label: '7.5×54 mm', kind: 'small_arms', aliases: ['7.5 French', '7.5 MAS', '7.5 mm MAS'] },
  {
    key: '7.92x57',
    label: '7.92×57 mm',
    kind: 'small_arms',
    aliases: ['8mm Mauser', '7.92 Mauser', '8x57', '8x57 IS', '8x57 JS'],
  },
  { key: '7.7x56R', label: '7.7×56R mm', kind: 'small_arms', aliases: ['.303 British', '.303'] },
  {
    key: '9x19',
    label: '9×19 mm',
    kind: 'small_arms',
    aliases: ['9mm Parabellum', '9mm Para', '9mm Luger', '9mm NATO'],
  },
  { key: '9x18', label: '9×18 mm', kind: 'small_arms', aliases: ['9mm Makarov', '9mm PM'] },
  // Chinese service rifle and machine-gun cartridge (QBZ-95/QBZ-03 family), DBP87 and later.
  { key: '5.8x42', label: '5.8×42 mm', kind: 'small_arms', aliases: ['DBP87', '5.8 mm DBP87', '5.8 Chinese'] },
  { key: '9x39', label: '9×39 mm', kind: 'small_arms', aliases: ['SP-5', 'SP-6'] },
  { key: '5.7x28', label: '5.7×28 mm', kind: 'small_arms', aliases: ['SS190', '5.7 FN'] },
  { key: '7.62x38R', label: '7.62×38R mm', kind: 'small_arms', aliases: ['7.62 Nagant', '7.62 mm Nagant'] },
  {
    key: '9x17',
    label: '9×17 mm',
    kind: 'small_arms',
    aliases: ['.380 ACP', '.380 Auto', '9mm Short', '9mm Kurz', '9mm Browning Short'],
  },
  {
    key: '7.65x17SR',
    label: '7.65×17 mm SR',
    kind: 'small_arms',
    aliases: ['.32 ACP', '.32 Auto', '7.65mm Browning', '7.65 Browning'],
  },
  { key: '11.43x23', label: '11.43×23 mm', kind: 'small_arms', aliases: ['.45 ACP', '.45 Auto'] },

  // Heavy machine guns
  { key: '12.7x108', label: '12.7×108 mm', kind: 'heavy_machine_gun', aliases: [] },
  {
    key: '12.7x99',
    label: '12.7×99 mm',
    kind: 'heavy_machine_gun',
    aliases: ['.50 BMG', '.50 Browning', '12.7 NATO', '12.7 mm NATO'],
  },
  { key: '14.5x114', label: '14.5×114 mm', kind: 'heavy_machine_gun', aliases: [] },

  // Automatic cannon and anti-aircraft guns
  { key: '23x152B', label: '23×152 mm B', kind: 'cannon', aliases: [] },
  { key: '30x165', label: '30×165 mm', kind: 'cannon', aliases: [] },
  { key: '37x252SR', label: '37×252 mm SR', kind: 'cannon', aliases: [] },
  { key: '57x348SR', label: '57×348 mm SR', kind: 'cannon', aliases: [] },

  // Grenades (launched and hand-thrown)
  { key: '30x29', label: '30×29 mm', kind: 'grenade', aliases: [] },
  { key: '40x46SR', label: '40×46 mm SR', kind: 'grenade', aliases: [] },
  { key: '40x53SR', label: '40×53 mm SR', kind: 'grenade', aliases: [] },
  { key: '32mm', label: '32 mm', kind: 'grenade', aliases: [] },
  { key: '40mm', label: '40 mm', kind: 'grenade', aliases: [] },

  // Mortars
  { key: '60mm', label: '60 mm', kind: 'mortar', aliases: [] },
  { key: '81mm', label: '81 mm', kind: 'mortar', aliases: [] },
  { key: '82mm', label: '82 mm', kind: 'mortar', aliases: [] },
  { key: '120mm', label: '120 mm', kind: 'mortar', aliases: [] },

  // Rockets (air-to-ground, artillery, shoulder-fired)
  { key: '57mm', label: '57 mm', kind: 'rocket', aliases: [] },
  { key: '66mm', label: '66 mm', kind: 'rocket', aliases: [] },
  { key: '68mm', label: '68 mm', kind: 'rocket', aliases: [] },
  { key: '80mm', label: '80 mm', kind: 'rocket', aliases: [] },
  { key: '107mm', label: '107 mm', kind: 'rocket', aliases: [] },
  { key: '122mm', label: '122 mm', kind: 'rocket', aliases: [] },

  // Recoilless guns and artillery
  { key: '73mm', label: '73 mm', kind: 'artillery', aliases: [] },
  { key: '106mm', label: '106 mm', kind: 'artillery', aliases: [] },
  { key: '100mm', label: '100 mm', kind: 'artillery', aliases: [] },
  { key: '130mm', label: '130 mm', kind: 'artillery', aliases: [] },
  { key: '152mm', label: '152 mm', kind: 'artillery', aliases: [] },
  { key: '155mm', label: '155 mm', kind: 'artillery', aliases: [] },
];
