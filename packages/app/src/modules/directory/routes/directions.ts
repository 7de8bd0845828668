// Directions without a map: how far a service's location is from the postcode a person searched
// from, and which way, in words ("About 1.2 miles north-east of NV1 1AA, in a straight line").
// Screen-reader users and people offline get the same as everyone; no map tiles are fetched.
import { haversineMiles } from '../service.js';

export interface Point {
  latitude: number;
  longitude: number;
}

const radians = (degrees: number) => (degrees * Math.PI) / 180;

const compass = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'] as const;

/** The compass point (of eight) one faces going from `from` to `to` (initial bearing). */
export function compassPoint(from: Point, to: Point): (typeof compass)[number] {
  const φ1 = radians(from.latitude);
  const φ2 = radians(to.latitude);
  const Δλ = radians(to.longitude - from.longitude);
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  const bearing = ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
  return compass[Math.round(bearing / 45) % 8] as (typeof compass)[number];
}

/** "About 1.2 miles north-east of NV1 1AA, in a straight line"; "Less than 0.1 miles from …" when that close. */
export function directionsText(from: Point & { postcode: string }, to: Point): string {
  // Measured as the search measures, so the page and the result list agree.
  const miles = Math.round(haversineMiles(from.latitude, from.longitude, to.latitude, to.longitude) * 10) / 10;
  if (miles < 0.1) return `Less than 0.1 miles from ${from.postcode}`;
  const unit = miles === 1 ? 'mile' : 'miles';
  return `About ${miles} ${unit} ${compassPoint(from, to)} of ${from.postcode}, in a straight line`;
}
