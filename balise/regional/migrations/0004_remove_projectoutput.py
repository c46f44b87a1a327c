from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("regional", "0003_free_text_outputs_to_data")]

    operations = [
        migrations.DeleteModel(name="HistoricalProjectOutput"),
        migrations.DeleteModel(name="ProjectOutput"),
    ]
