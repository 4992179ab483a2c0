from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "coltiva.imports"
    label = "imports"

    def ready(self) -> None:
        from coltiva.imports.duplicates import on_merging, on_person_added
        from coltiva.imports.stale import on_upkeep
        from coltiva.people.merge import merging
        from coltiva.people.refresh import upkeep
        from coltiva.people.services import person_added

        merging.connect(on_merging, dispatch_uid="imports.duplicates.on_merging")
        person_added.connect(on_person_added, dispatch_uid="imports.duplicates.on_person_added")
        upkeep.connect(on_upkeep, dispatch_uid="imports.stale.on_upkeep")
