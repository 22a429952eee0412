"""The manager's dashboard: figure cards, charts, breakdown tables and the parcel volume."""
