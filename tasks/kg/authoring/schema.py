"""The Freebase schema the authored graph uses: real relation names with their domain, range and
reverse as AgentBench's ontology files give them (``fb_roles``, ``reverse_properties``; a test checks
every entry against the official files). Attributes are what ``vocab.json`` calls attributes:
numbers and dates, shown by ``get_attributes``.
"""

from __future__ import annotations

RELATIONS: dict[str, tuple[str, str, str | None]] = {
    "spaceflight.bipropellant_rocket_engine.engine_cycle": (
        "spaceflight.bipropellant_rocket_engine",
        "spaceflight.rocket_engine_cycle",
        "spaceflight.rocket_engine_cycle.rocket_engines",
    ),
    "spaceflight.bipropellant_rocket_engine.fuel": (
        "spaceflight.bipropellant_rocket_engine",
        "spaceflight.rocket_engine_fuel",
        "spaceflight.rocket_engine_fuel.rocket_engines",
    ),
    "spaceflight.bipropellant_rocket_engine.oxidizer": (
        "spaceflight.bipropellant_rocket_engine",
        "spaceflight.rocket_engine_oxidizer",
        "spaceflight.rocket_engine_oxidizer.rocket_engines",
    ),
    "spaceflight.rocket_engine.designed_by": (
        "spaceflight.rocket_engine",
        "spaceflight.rocket_engine_designer",
        "spaceflight.rocket_engine_designer.rocket_engines",
    ),
    "spaceflight.rocket_engine.manufactured_by": (
        "spaceflight.rocket_engine",
        "spaceflight.rocket_engine_manufacturer",
        "spaceflight.rocket_engine_manufacturer.rocket_engines",
    ),
    "spaceflight.rocket_engine.status": (
        "spaceflight.rocket_engine",
        "spaceflight.rocket_engine_status",
        "spaceflight.rocket_engine_status.rocket_engines",
    ),
    "spaceflight.rocket.manufacturer": (
        "spaceflight.rocket",
        "spaceflight.rocket_manufacturer",
        "spaceflight.rocket_manufacturer.rockets_manufactured",
    ),
    "spaceflight.rocket.country_of_origin": ("spaceflight.rocket", "location.country", None),
    "spaceflight.rocket.status": (
        "spaceflight.rocket",
        "spaceflight.rocket_status",
        "spaceflight.rocket_status.rockets",
    ),
    "biology.animal_breed.temperament": (
        "biology.animal_breed",
        "biology.breed_temperament",
        "biology.breed_temperament.breeds",
    ),
    "biology.animal_breed.place_of_origin": (
        "biology.animal_breed",
        "biology.breed_origin",
        "biology.breed_origin.breeds_originating_here",
    ),
    "biology.animal_breed.breed_of": (
        "biology.animal_breed",
        "biology.domesticated_animal",
        "biology.domesticated_animal.breeds",
    ),
    "biology.animal_breed.coloring": (
        "biology.animal_breed",
        "biology.breed_coloring",
        "biology.breed_coloring.breeds",
    ),
    "government.us_president.vice_president": (
        "government.us_president",
        "government.us_vice_president",
        "government.us_vice_president.to_president",
    ),
    "people.person.place_of_birth": ("people.person", "location.location", "location.location.people_born_here"),
    "people.person.profession": ("people.person", "people.profession", "people.profession.people_with_this_profession"),
    "people.person.nationality": ("people.person", "location.country", None),
    "people.person.religion": ("people.person", "religion.religion", None),
    "people.person.parents": ("people.person", "people.person", "people.person.children"),
    "location.country.languages_spoken": (
        "location.country",
        "language.human_language",
        "language.human_language.countries_spoken_in",
    ),
    "location.country.official_language": ("location.country", "language.human_language", None),
    "location.country.capital": ("location.country", "location.citytown", None),
    "location.country.currency_used": ("location.country", "finance.currency", "finance.currency.countries_used"),
    "location.location.containedby": ("location.location", "location.location", "location.location.contains"),
    "language.human_language.language_family": (
        "language.human_language",
        "language.language_family",
        "language.language_family.languages",
    ),
    "sports.sports_team.championships": (
        "sports.sports_team",
        "sports.sports_championship_event",
        "sports.sports_championship_event.champion",
    ),
    "sports.sports_championship_event.championship": (
        "sports.sports_championship_event",
        "sports.sports_championship",
        "sports.sports_championship.events",
    ),
    "sports.sports_championship_event.runner_up": ("sports.sports_championship_event", "sports.sports_team", None),
    "sports.sports_team.arena_stadium": (
        "sports.sports_team",
        "sports.sports_facility",
        "sports.sports_facility.teams",
    ),
    "sports.sports_team.team_mascot": ("sports.sports_team", "sports.mascot", "sports.mascot.team"),
    "sports.sports_team.fight_song": ("sports.sports_team", "sports.fight_song", "sports.fight_song.sports_team"),
    "sports.sports_team.sport": ("sports.sports_team", "sports.sport", "sports.sport.teams"),
    "sports.sports_team.location": (
        "sports.sports_team",
        "sports.sports_team_location",
        "sports.sports_team_location.teams",
    ),
    "computer.programming_language.language_paradigms": (
        "computer.programming_language",
        "computer.programming_language_paradigm",
        "computer.programming_language_paradigm.languages",
    ),
    "computer.programming_language.developers": (
        "computer.programming_language",
        "computer.programming_language_developer",
        "computer.programming_language_developer.programming_languages_developed",
    ),
    "computer.programming_language.language_designers": (
        "computer.programming_language",
        "computer.programming_language_designer",
        "computer.programming_language_designer.languages_designed",
    ),
    "computer.programming_language.influenced_by": (
        "computer.programming_language",
        "computer.programming_language",
        "computer.programming_language.influenced",
    ),
    "organization.organization.founders": (
        "organization.organization",
        "organization.organization_founder",
        "organization.organization_founder.organizations_founded",
    ),
    "organization.organization.place_founded": ("organization.organization", "location.location", None),
    "digicams.digital_camera.iso_setting": (
        "digicams.digital_camera",
        "digicams.camera_iso",
        "digicams.camera_iso.cameras",
    ),
    "digicams.digital_camera.manufacturer": (
        "digicams.digital_camera",
        "digicams.digital_camera_manufacturer",
        "digicams.digital_camera_manufacturer.cameras",
    ),
    "digicams.digital_camera.sensor_type": (
        "digicams.digital_camera",
        "digicams.camera_sensor_type",
        "digicams.camera_sensor_type.digital_cameras",
    ),
    "digicams.digital_camera.supported_storage_types": (
        "digicams.digital_camera",
        "digicams.camera_storage_type",
        "digicams.camera_storage_type.compatible_cameras",
    ),
    "chemistry.chemical_element.discoverer": (
        "chemistry.chemical_element",
        "chemistry.element_discoverer",
        "chemistry.element_discoverer.discovered",
    ),
    "chemistry.chemical_element.chemical_series": (
        "chemistry.chemical_element",
        "chemistry.chemical_series",
        "chemistry.chemical_series.elements",
    ),
    "chemistry.chemical_element.periodic_table_block": (
        "chemistry.chemical_element",
        "chemistry.periodic_table_block",
        "chemistry.periodic_table_block.elements",
    ),
    "amusement_parks.ride.designer": (
        "amusement_parks.ride",
        "amusement_parks.ride_designer",
        "amusement_parks.ride_designer.rides",
    ),
    "amusement_parks.ride.park": ("amusement_parks.ride", "amusement_parks.park", "amusement_parks.park.rides"),
    "amusement_parks.ride.manufacturer": (
        "amusement_parks.ride",
        "amusement_parks.ride_manufacturer",
        "amusement_parks.ride_manufacturer.rides",
    ),
    "amusement_parks.ride.ride_type": (
        "amusement_parks.ride",
        "amusement_parks.ride_type",
        "amusement_parks.ride_type.rides",
    ),
    "spaceflight.rocket_engine_cycle.rocket_engines": (
        "spaceflight.rocket_engine_cycle",
        "spaceflight.bipropellant_rocket_engine",
        "spaceflight.bipropellant_rocket_engine.engine_cycle",
    ),
    "spaceflight.rocket_engine_fuel.rocket_engines": (
        "spaceflight.rocket_engine_fuel",
        "spaceflight.bipropellant_rocket_engine",
        "spaceflight.bipropellant_rocket_engine.fuel",
    ),
    "spaceflight.rocket_engine_oxidizer.rocket_engines": (
        "spaceflight.rocket_engine_oxidizer",
        "spaceflight.bipropellant_rocket_engine",
        "spaceflight.bipropellant_rocket_engine.oxidizer",
    ),
    "spaceflight.rocket_engine_designer.rocket_engines": (
        "spaceflight.rocket_engine_designer",
        "spaceflight.rocket_engine",
        "spaceflight.rocket_engine.designed_by",
    ),
    "spaceflight.rocket_engine_manufacturer.rocket_engines": (
        "spaceflight.rocket_engine_manufacturer",
        "spaceflight.rocket_engine",
        "spaceflight.rocket_engine.manufactured_by",
    ),
    "spaceflight.rocket_engine_status.rocket_engines": (
        "spaceflight.rocket_engine_status",
        "spaceflight.rocket_engine",
        "spaceflight.rocket_engine.status",
    ),
    "spaceflight.rocket_manufacturer.rockets_manufactured": (
        "spaceflight.rocket_manufacturer",
        "spaceflight.rocket",
        "spaceflight.rocket.manufacturer",
    ),
    "spaceflight.rocket_status.rockets": (
        "spaceflight.rocket_status",
        "spaceflight.rocket",
        "spaceflight.rocket.status",
    ),
    "biology.breed_temperament.breeds": (
        "biology.breed_temperament",
        "biology.animal_breed",
        "biology.animal_breed.temperament",
    ),
    "biology.breed_origin.breeds_originating_here": (
        "biology.breed_origin",
        "biology.animal_breed",
        "biology.animal_breed.place_of_origin",
    ),
    "biology.domesticated_animal.breeds": (
        "biology.domesticated_animal",
        "biology.animal_breed",
        "biology.animal_breed.breed_of",
    ),
    "biology.breed_coloring.breeds": (
        "biology.breed_coloring",
        "biology.animal_breed",
        "biology.animal_breed.coloring",
    ),
    "government.us_vice_president.to_president": (
        "government.us_vice_president",
        "government.us_president",
        "government.us_president.vice_president",
    ),
    "location.location.people_born_here": ("location.location", "people.person", "people.person.place_of_birth"),
    "people.profession.people_with_this_profession": ("people.profession", "people.person", "people.person.profession"),
    "people.person.children": ("people.person", "people.person", "people.person.parents"),
    "language.human_language.countries_spoken_in": (
        "language.human_language",
        "location.country",
        "location.country.languages_spoken",
    ),
    "finance.currency.countries_used": ("finance.currency", "location.country", "location.country.currency_used"),
    "location.location.contains": ("location.location", "location.location", "location.location.containedby"),
    "language.language_family.languages": (
        "language.language_family",
        "language.human_language",
        "language.human_language.language_family",
    ),
    "sports.sports_championship_event.champion": (
        "sports.sports_championship_event",
        "sports.sports_team",
        "sports.sports_team.championships",
    ),
    "sports.sports_championship.events": (
        "sports.sports_championship",
        "sports.sports_championship_event",
        "sports.sports_championship_event.championship",
    ),
    "sports.sports_facility.teams": (
        "sports.sports_facility",
        "sports.sports_team",
        "sports.sports_team.arena_stadium",
    ),
    "sports.mascot.team": ("sports.mascot", "sports.sports_team", "sports.sports_team.team_mascot"),
    "sports.fight_song.sports_team": ("sports.fight_song", "sports.sports_team", "sports.sports_team.fight_song"),
    "sports.sport.teams": ("sports.sport", "sports.sports_team", "sports.sports_team.sport"),
    "sports.sports_team_location.teams": (
        "sports.sports_team_location",
        "sports.sports_team",
        "sports.sports_team.location",
    ),
    "computer.programming_language_paradigm.languages": (
        "computer.programming_language_paradigm",
        "computer.programming_language",
        "computer.programming_language.language_paradigms",
    ),
    "computer.programming_language_developer.programming_languages_developed": (
        "computer.programming_language_developer",
        "computer.programming_language",
        "computer.programming_language.developers",
    ),
    "computer.programming_language_designer.languages_designed": (
        "computer.programming_language_designer",
        "computer.programming_language",
        "computer.programming_language.language_designers",
    ),
    "computer.programming_language.influenced": (
        "computer.programming_language",
        "computer.programming_language",
        "computer.programming_language.influenced_by",
    ),
    "organization.organization_founder.organizations_founded": (
        "organization.organization_founder",
        "organization.organization",
        "organization.organization.founders",
    ),
    "digicams.camera_iso.cameras": (
        "digicams.camera_iso",
        "digicams.digital_camera",
        "digicams.digital_camera.iso_setting",
    ),
    "digicams.digital_camera_manufacturer.cameras": (
        "digicams.digital_camera_manufacturer",
        "digicams.digital_camera",
        "digicams.digital_camera.manufacturer",
    ),
    "digicams.camera_sensor_type.digital_cameras": (
        "digicams.camera_sensor_type",
        "digicams.digital_camera",
        "digicams.digital_camera.sensor_type",
    ),
    "digicams.camera_storage_type.compatible_cameras": (
        "digicams.camera_storage_type",
        "digicams.digital_camera",
        "digicams.digital_camera.supported_storage_types",
    ),
    "chemistry.element_discoverer.discovered": (
        "chemistry.element_discoverer",
        "chemistry.chemical_element",
        "chemistry.chemical_element.discoverer",
    ),
    "chemistry.chemical_series.elements": (
        "chemistry.chemical_series",
        "chemistry.chemical_element",
        "chemistry.chemical_element.chemical_series",
    ),
    "chemistry.periodic_table_block.elements": (
        "chemistry.periodic_table_block",
        "chemistry.chemical_element",
        "chemistry.chemical_element.periodic_table_block",
    ),
    "amusement_parks.ride_designer.rides": (
        "amusement_parks.ride_designer",
        "amusement_parks.ride",
        "amusement_parks.ride.designer",
    ),
    "amusement_parks.park.rides": ("amusement_parks.park", "amusement_parks.ride", "amusement_parks.ride.park"),
    "amusement_parks.ride_manufacturer.rides": (
        "amusement_parks.ride_manufacturer",
        "amusement_parks.ride",
        "amusement_parks.ride.manufacturer",
    ),
    "amusement_parks.ride_type.rides": (
        "amusement_parks.ride_type",
        "amusement_parks.ride",
        "amusement_parks.ride.ride_type",
    ),
}
"""relation -> (domain, range, reverse relation or None)."""

ATTRIBUTES: dict[str, tuple[str, str]] = {
    "spaceflight.rocket_engine.thrust_sea_level": ("spaceflight.rocket_engine", "type.float"),
    "spaceflight.rocket_engine.thrust_vacuum": ("spaceflight.rocket_engine", "type.float"),
    "spaceflight.rocket_engine.isp_vacuum": ("spaceflight.rocket_engine", "type.float"),
    "spaceflight.bipropellant_rocket_engine.chamber_pressure": ("spaceflight.bipropellant_rocket_engine", "type.float"),
    "spaceflight.rocket.height_meters": ("spaceflight.rocket", "type.float"),
    "spaceflight.rocket.mass": ("spaceflight.rocket", "type.float"),
    "spaceflight.rocket.number_of_stages": ("spaceflight.rocket", "type.int"),
    "spaceflight.rocket.maiden_flight": ("spaceflight.rocket", "type.datetime"),
    "government.us_president.presidency_number": ("government.us_president", "type.int"),
    "government.us_vice_president.vice_president_number": ("government.us_vice_president", "type.int"),
    "people.person.date_of_birth": ("people.person", "type.datetime"),
    "people.person.height_meters": ("people.person", "type.float"),
    "location.location.area": ("location.location", "type.float"),
    "time.event.start_date": ("time.event", "type.datetime"),
    "time.event.end_date": ("time.event", "type.datetime"),
    "architecture.structure.opened": ("architecture.structure", "type.datetime"),
    "sports.sports_team.founded": ("sports.sports_team", "type.datetime"),
    "computer.programming_language.introduced": ("computer.programming_language", "type.datetime"),
    "organization.organization.date_founded": ("organization.organization", "type.datetime"),
    "digicams.digital_camera.released": ("digicams.digital_camera", "type.datetime"),
    "digicams.digital_camera.effective_resolution": ("digicams.digital_camera", "type.float"),
    "digicams.digital_camera.optical_zoom": ("digicams.digital_camera", "type.float"),
    "digicams.digital_camera.weight": ("digicams.digital_camera", "type.float"),
    "chemistry.chemical_element.atomic_number": ("chemistry.chemical_element", "type.int"),
    "chemistry.chemical_element.melting_point": ("chemistry.chemical_element", "type.float"),
    "chemistry.chemical_element.boiling_point": ("chemistry.chemical_element", "type.float"),
    "chemistry.chemical_element.discovery_date": ("chemistry.chemical_element", "type.datetime"),
    "chemistry.chemical_element.electronegativity": ("chemistry.chemical_element", "type.float"),
    "amusement_parks.ride.max_speed": ("amusement_parks.ride", "type.float"),
    "amusement_parks.ride.height": ("amusement_parks.ride", "type.float"),
    "amusement_parks.ride.drop": ("amusement_parks.ride", "type.float"),
    "amusement_parks.ride.inversions": ("amusement_parks.ride", "type.int"),
    "amusement_parks.ride.opened": ("amusement_parks.ride", "type.datetime"),
}
"""attribute -> (domain, value type: type.int, type.float or type.datetime)."""
