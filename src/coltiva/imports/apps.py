from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "coltiva.imports"
    label = "imports"

    def ready(self) -> None:
        from coltiva.imports.duplicates import on_merging
        from coltiva.people.merge import merging

        merging.connect(on_merging, dispatch_uid="imports.duplicates.on_merging")
