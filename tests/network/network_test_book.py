"""The rows of the small bilingual book the network tests share, and how stages are set."""

from __future__ import annotations

from coltiva.people import services
from coltiva.people.models import Person

# name, profession as typed, company, offers, looks for, e-mail, pinned stage
NETWORK_BOOK = [
    ("Anna Russo", "consulente risorse umane", "Russo HR",
     "Selezione e welfare aziendale", "HR managers in manufacturing", "anna@example.com",
     "credibility"),
    ("Paolo Greco", "Responsabile risorse umane", "Greco Valvole S.p.A.",
     "HR manager in un'azienda manifatturiera di valvole industriali",
     "Formatori e consulenti del lavoro", "paolo@example.com", "credibility"),
    ("Sara Conti", "agente immobiliare", "Immobiliare Conti",
     "Vendita e affitto di case a Milano", "Broker mutui e notai", "sara@example.com",
     "profitability"),
    ("Luca Ferri", "broker mutui", "Ferri Mutui", "Mutui prima casa e surroghe",
     "Agenti immobiliari", "", "credibility"),
    ("Beatrice Moretti", "Notaio", "Studio Notarile Moretti",
     "Rogiti, compravendite immobiliari, successioni", "Agenti immobiliari e commercialisti",
     "", "visibility"),
    ("Roberto Colombo", "commercialista", "Studio Colombo",
     "Bilanci e consulenza fiscale per PMI", "Avvocati d'affari e notai", "", "credibility"),
    ("Carlo Rinaldi", "consulente fiscale", "Studio Colombo",
     "Dichiarazioni dei redditi", "Avvocati e notai", "", "credibility"),
    ("Emma Clarke", "Florist", "Petals & Co", "Wedding flowers and bridal bouquets",
     "Wedding photographers and venues", "emma@example.com", "credibility"),
    ("Giulia Bianchi", "fotografa di matrimoni", "Giulia Bianchi Fotografia",
     "Reportage di matrimonio", "Wedding planner e fioristi", "giulia@example.com",
     "profitability"),
    ("Nadia Fiore", "", "", "", "", "", ""),
]  # fmt: skip


def pin(person: Person, stage: str) -> None:
    services.set_relationship(person, purposes=["business"], cadence_days=None, pinned_stage=stage)
