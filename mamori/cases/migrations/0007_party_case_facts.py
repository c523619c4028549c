from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_case_facts(apps, schema_editor):
    party_model = apps.get_model("cases", "CaseParty")
    case_model = apps.get_model("cases", "Case")
    case = case_model.objects.filter(pk=OuterRef("case_id"))
    party_model.objects.update(
        organisation_id=Subquery(case.values("organisation_id")[:1]),
        case_opened_at=Subquery(case.values("opened_at")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_party_customer_key"),
        ("orgs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseparty",
            name="organisation",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=models.deletion.CASCADE,
                related_name="+",
                to="orgs.organisation",
            ),
        ),
        migrations.AddField(
            model_name="caseparty",
            name="case_opened_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="case opened at"),
        ),
        migrations.RunPython(copy_case_facts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="caseparty",
            name="organisation",
            field=models.ForeignKey(
                editable=False,
                on_delete=models.deletion.CASCADE,
                related_name="+",
                to="orgs.organisation",
            ),
        ),
        migrations.AlterField(
            model_name="caseparty",
            name="case_opened_at",
            field=models.DateTimeField(editable=False, verbose_name="case opened at"),
        ),
        migrations.RemoveIndex(model_name="caseparty", name="party_customer_key"),
        migrations.AddIndex(
            model_name="caseparty",
            index=models.Index(
                fields=["organisation", "customer_key", "role", "-case_opened_at", "-case"],
                name="party_customer_history",
            ),
        ),
    ]
