"""Every settings file of ``content/``, read once at the start of a build, before any sheet,
into one :class:`Settings` the stages receive: a broken file is the build's only message."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from builder.settings.contacts import Contacts, load_contacts
from builder.settings.corrections import CorrectionEntries, read_corrections
from builder.settings.departments import Organisation, load_organisation
from builder.settings.population import PopulationYear, read_population
from builder.settings.releases import read_releases
from builder.settings.site import SiteConfig, load_site_config


@dataclass(frozen=True)
class Settings:
    """What the settings files of ``content`` say, each checked against its schema."""

    content: Path  # the folder they were read from (messages name the files in it)
    site: SiteConfig  # site.yaml
    organisation: Organisation  # departments.yaml
    contacts: Contacts  # contacts.yaml (optional)
    releases: dict[int, datetime.date]  # releases.yaml (optional): fiscal year -> release date
    corrections: CorrectionEntries  # corrections.yaml (optional), not yet checked against the data
    population: tuple[PopulationYear, ...]  # population.yaml (optional)


def read_settings(content: Path) -> Settings:
    """Read and check every settings file of ``content``, each once; ConfigError at the first
    file with a problem."""
    return Settings(
        content,
        load_site_config(content),
        load_organisation(content),
        load_contacts(content),
        read_releases(content),
        read_corrections(content),
        read_population(content),
    )
