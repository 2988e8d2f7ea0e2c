"""What the dashboard's pages share (not pages): the database connection and navigation
(shared), the sidebar, labelling and claiming (labelling), roles and demo mode (access),
and the Analyse action (actions). Like the pages, it reaches the analysis only through
analysis.dashboard, analysis.labels and analysis.pipeline."""
