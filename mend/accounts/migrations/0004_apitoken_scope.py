"""API tokens get a scope. Tokens made before scopes existed could do everything, so they become
read-and-write and keep working; new tokens default to read only."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_alter_auditevent_kind'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='scope',
            field=models.CharField(choices=[('read', 'Read only'), ('write', 'Read and write')], default='write', help_text='Read only: GET and HEAD requests. Read and write: every request.', max_length=8),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='apitoken',
            name='scope',
            field=models.CharField(choices=[('read', 'Read only'), ('write', 'Read and write')], default='read', help_text='Read only: GET and HEAD requests. Read and write: every request.', max_length=8),
        ),
    ]
