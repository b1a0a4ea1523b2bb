// The theatre's places: real localities, approximate real coordinates.

export type Zone = 'north' | 'centre' | 'bamako' | 'burkina' | 'niger' | 'ivoire';

export interface Place {
  name: string;
  admin1: string;
  country: string;
  lat: number;
  lon: number;
  zone: Zone;
  /** Weight in the background draw; 0 keeps a place for planted incidents only. */
  weight: number;
  /** First year background incidents happen there. */
  from: number;
}

const place = (
  name: string,
  admin1: string,
  country: string,
  lat: number,
  lon: number,
  zone: Zone,
  weight: number,
  from = 2013,
): Place => ({
  name,
  admin1,
  country,
  lat,
  lon,
  zone,
  weight,
  from,
});

export const PLACES: readonly Place[] = [
  // Mali, north of the Niger
  place('Kidal', 'Kidal', 'ML', 18.4411, 1.4078, 'north', 6),
  place('Aguelhok', 'Kidal', 'ML', 19.4614, 0.856, 'north', 5),
  place('Tessalit', 'Kidal', 'ML', 20.202, 1.011, 'north', 4),
  place('Anéfis', 'Kidal', 'ML', 18.05, 0.6, 'north', 2),
  place('Abeïbara', 'Kidal', 'ML', 19.117, 1.752, 'north', 1),
  place('Gao', 'Gao', 'ML', 16.2717, -0.0447, 'north', 7),
  place('Ansongo', 'Gao', 'ML', 15.6597, 0.5022, 'north', 3),
  place('Bourem', 'Gao', 'ML', 16.9564, -0.3458, 'north', 2),
  place('Ménaka', 'Ménaka', 'ML', 15.9182, 2.4022, 'north', 4),
  place('Anderamboukane', 'Ménaka', 'ML', 15.4247, 3.0297, 'north', 2),
  place('Inékar', 'Ménaka', 'ML', 15.955, 3.16, 'north', 1),
  place('Tombouctou', 'Tombouctou', 'ML', 16.7666, -3.0026, 'north', 6),
  place('Ber', 'Tombouctou', 'ML', 16.88, -2.42, 'north', 3),
  place('Goundam', 'Tombouctou', 'ML', 16.4145, -3.6708, 'north', 2),
  place('Niafunké', 'Tombouctou', 'ML', 15.9322, -3.9906, 'north', 1),
  place('Léré', 'Tombouctou', 'ML', 15.715, -4.915, 'north', 2),
  place('Gossi', 'Tombouctou', 'ML', 15.8206, -1.3006, 'north', 2),
  place('Gourma-Rharous', 'Tombouctou', 'ML', 16.878, -1.927, 'north', 1),
  // Mali, centre (south of the Niger)
  place('Mopti', 'Mopti', 'ML', 14.4843, -4.1827, 'centre', 2, 2015),
  place('Sévaré', 'Mopti', 'ML', 14.527, -4.096, 'centre', 2, 2015),
  place('Douentza', 'Mopti', 'ML', 15.0025, -2.9497, 'centre', 3, 2015),
  place('Boni', 'Mopti', 'ML', 15.066, -2.21, 'centre', 2, 2015),
  place('Hombori', 'Mopti', 'ML', 15.283, -1.7, 'centre', 1, 2015),
  place('Ténenkou', 'Mopti', 'ML', 14.457, -4.917, 'centre', 2, 2015),
  place('Djenné', 'Mopti', 'ML', 13.906, -4.553, 'centre', 1, 2015),
  place('Bandiagara', 'Mopti', 'ML', 14.35, -3.61, 'centre', 2, 2015),
  place('Koro', 'Mopti', 'ML', 14.065, -3.08, 'centre', 2, 2015),
  place('Youwarou', 'Mopti', 'ML', 15.386, -4.261, 'centre', 1, 2015),
  place('Sofara', 'Mopti', 'ML', 14.01, -4.24, 'centre', 1, 2015),
  place('Ségou', 'Ségou', 'ML', 13.4317, -6.2157, 'centre', 1, 2015),
  place('Niono', 'Ségou', 'ML', 14.2526, -5.9931, 'centre', 2, 2015),
  place('Macina', 'Ségou', 'ML', 13.9614, -5.3572, 'centre', 1, 2015),
  place('Diabaly', 'Ségou', 'ML', 14.688, -6.019, 'centre', 1, 2015),
  place('Nampala', 'Ségou', 'ML', 15.283, -5.55, 'centre', 1, 2015),
  place('Bamako', 'Bamako', 'ML', 12.6392, -8.0029, 'bamako', 1, 2015),
  // Burkina Faso
  place('Djibo', 'Sahel', 'BF', 14.101, -1.627, 'burkina', 2, 2016),
  place('Dori', 'Sahel', 'BF', 14.035, -0.034, 'burkina', 1, 2016),
  place('Gorom-Gorom', 'Sahel', 'BF', 14.444, -0.236, 'burkina', 1, 2016),
  place('Arbinda', 'Sahel', 'BF', 14.229, -0.866, 'burkina', 1, 2016),
  place('Ouahigouya', 'Nord', 'BF', 13.582, -2.421, 'burkina', 1, 2016),
  place('Titao', 'Nord', 'BF', 13.766, -2.074, 'burkina', 1, 2016),
  place('Dédougou', 'Boucle du Mouhoun', 'BF', 12.463, -3.46, 'burkina', 1, 2016),
  place('Tougan', 'Boucle du Mouhoun', 'BF', 13.072, -3.07, 'burkina', 1, 2016),
  place('Nouna', 'Boucle du Mouhoun', 'BF', 12.73, -3.864, 'burkina', 1, 2016),
  place('Ouagadougou', 'Centre', 'BF', 12.3714, -1.5197, 'burkina', 0),
  // Niger
  place('Tillabéri', 'Tillabéri', 'NE', 14.212, 1.453, 'niger', 1, 2017),
  place('Ayorou', 'Tillabéri', 'NE', 14.731, 0.918, 'niger', 1, 2017),
  place('Ouallam', 'Tillabéri', 'NE', 14.319, 2.086, 'niger', 1, 2017),
  place('Tongo Tongo', 'Tillabéri', 'NE', 14.88, 1.83, 'niger', 1, 2017),
  place('Tahoua', 'Tahoua', 'NE', 14.889, 5.269, 'niger', 1, 2017),
  place('Tillia', 'Tahoua', 'NE', 16.137, 4.792, 'niger', 1, 2017),
  // Côte d'Ivoire (planted incidents only)
  place('Abidjan', 'Abidjan', 'CI', 5.36, -4.0083, 'ivoire', 0),
  place('Grand-Bassam', 'Sud-Comoé', 'CI', 5.2118, -3.7388, 'ivoire', 0),
  place('Bouaké', 'Gbêkê', 'CI', 7.69, -5.03, 'ivoire', 0),
  place('Korhogo', 'Poro', 'CI', 9.458, -5.6296, 'ivoire', 0),
  place('Duékoué', 'Guémon', 'CI', 6.74, -7.349, 'ivoire', 0),
  place('Man', 'Tonkpi', 'CI', 7.4125, -7.5538, 'ivoire', 0),
];

export function placeNamed(name: string): Place {
  const found = PLACES.find((p) => p.name === name);
  if (!found) throw new Error(`demo: no place named ${name}`);
  return found;
}
