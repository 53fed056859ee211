/**
 * The partnership's local definition of serious violence (config key `seriousViolence`), for the Serious Violence
 * Duty strategic needs assessment (`swp needs-assessment`). The Home Office "Serious Violence Duty: statutory
 * guidance" (December 2022, revised) leaves the definition to the partnership but asks that it cover public-space
 * youth violence, including homicide, violence against the person causing injury, knife and gun crime, and areas
 * where weapons are used (robbery); the default follows that: police.uk's violence and sexual offences, robbery and
 * possession of weapons; the Home Office subgroups homicide, violence with injury, robbery and possession of weapons.
 */
import { z } from 'zod';
import { CRIME_TYPES } from './data.js';

/** police.uk street-level categories a definition may name (anti-social behaviour is not a crime). */
const POLICE_CATEGORIES = CRIME_TYPES.slice(1) as unknown as [string, ...string[]];

export const DEFAULT_SERIOUS_VIOLENCE = {
  policeUk: ['Violence and sexual offences', 'Robbery', 'Possession of weapons'],
  homeOffice: ['Homicide', 'Violence with injury', 'Robbery', 'Possession of weapons offences'],
};

export const seriousViolenceSchema = z
  .strictObject({
    definition: z
      .strictObject({
        policeUk: z
          .array(z.enum(POLICE_CATEGORIES, { message: 'not a police.uk crime type (the "Crime type" column of the street-level files)' }))
          .min(1, 'at least one police.uk crime type')
          .default(DEFAULT_SERIOUS_VIOLENCE.policeUk as never)
          .describe('police.uk crime types ("Crime type" column) counted as serious violence, e.g. [Violence and sexual offences, Robbery, Possession of weapons]'),
        homeOffice: z
          .array(z.string().min(1))
          .default(DEFAULT_SERIOUS_VIOLENCE.homeOffice)
          .describe('Home Office CSP table offence subgroups, groups or offence codes counted as serious violence, e.g. [Homicide, Violence with injury, Robbery, Possession of weapons offences, 8N]'),
      })
      .default({ ...DEFAULT_SERIOUS_VIOLENCE } as never)
      .describe('the local definition of serious violence (Serious Violence Duty statutory guidance, chapter 3)'),
  })
  .describe('the Serious Violence Duty strategic needs assessment (swp needs-assessment); default definition when absent');
export type SeriousViolenceConfig = z.infer<typeof seriousViolenceSchema>;
