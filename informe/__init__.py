"""Informe de la Política de Integridad: the plan de acción (activities, progress, evidence)
and the period report (PDF and XLSX) built from the measures every module offers through
``nucleo.report``. A feature like the others: it imports ``nucleo`` only."""
