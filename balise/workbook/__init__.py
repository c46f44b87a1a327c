"""The evaluation workbook of a plan's year, in one place: its layout (`spec`), writing it
(`write`), reading a filled-in copy back with every bad cell named (`read`), applying the values
through monitoring's actions (`apply`), and its download and upload pages (`views`, `urls`)."""
