package dev.vigil.connectors.servicenow;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.steps.StepFailure;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading any table, with the names and params of Kibana's {@code servicenow_search} connector (which the corpus
 * uses): {@code getRecord}, {@code listRecords}, {@code search}, {@code getComments}, {@code getAttachment}. Table
 * reads answer ServiceNow's own body, {@code {result: ...}}, with display values (labels, not sys_ids, in
 * reference fields) unless {@code displayValue} says otherwise, as that connector does.
 */
final class ServiceNowRecords {

    static final long DEFAULT_LIMIT = 20;

    private ServiceNowRecords() {
    }

    /**
     * {@code getRecord {table, sysId, fields}}: one record, {@code {result: {...}}}; without a sys_id, the records
     * {@code query} (an encoded query, {@code sysparm_query}) matches, {@code {result: [...]}}.
     */
    static Object get(ConnectorCall call) throws StepFailure {
        String table = ServiceNowApi.table(call, "table", "tableName");
        String sysId = call.text("sysId") != null ? call.text("sysId") : call.text("sys_id");
        if (sysId == null) {
            String query = firstText(call, "query", "sysparm_query", "encodedQuery");
            if (query == null) {
                throw call.failure("with.sysId (the record's sys_id) or with.query (an encoded query) is required");
            }
            return list(call, table, query);
        }
        ServiceNowApi api = new ServiceNowApi(call);
        return api.send(display(call, api.request("GET", ServiceNowIncidents.path(table, sysId)))
                .query("sysparm_fields", fields(call))).data();
    }

    /** {@code listRecords {table, encodedQuery, fields, limit, offset, orderBy}}. */
    static Object listRecords(ConnectorCall call) throws StepFailure {
        return list(call, ServiceNowApi.table(call, "table", "tableName"),
                firstText(call, "encodedQuery", "query", "sysparm_query"));
    }

    /**
     * {@code search {table, query, encodedQuery, limit, offset, fields}}: ServiceNow's full-text search through the
     * Table API's (undocumented but long-standing) {@code GOTO123TEXTQUERY321} query term.
     */
    static Object search(ConnectorCall call) throws StepFailure {
        String text = call.required("query");
        String encoded = call.text("encodedQuery");
        return list(call, ServiceNowApi.table(call, "table", "tableName"),
                "GOTO123TEXTQUERY321=" + text + (encoded == null ? "" : "^" + encoded));
    }

    /** {@code getComments {tableName, recordSysId, limit, offset}}: comments and work notes, oldest first. */
    static Object comments(ConnectorCall call) throws StepFailure {
        String table = call.requiredAny("tableName", "table");
        String record = call.requiredAny("recordSysId", "sysId", "sys_id");
        String query = "element_id=" + record + "^name=" + table + "^element=comments^NQelement_id=" + record
                + "^name=" + table + "^element=work_notes^ORDERBYsys_created_on";
        ServiceNowApi api = new ServiceNowApi(call);
        return api.send(display(call, api.request("GET", ServiceNowApi.TABLE + "sys_journal_field"))
                .query("sysparm_query", query)
                .query("sysparm_limit", call.number("limit") == null ? DEFAULT_LIMIT : call.number("limit"))
                .query("sysparm_fields", "sys_id,element,value,sys_created_on,sys_created_by")
                .query("sysparm_offset", call.number("offset"))).data();
    }

    /** {@code getAttachment {sysId}}: {@code {fileName, contentType, base64}} of the file. */
    static Object attachment(ConnectorCall call) throws StepFailure {
        String sysId = call.requiredAny("sysId", "sys_id");
        ServiceNowApi api = new ServiceNowApi(call);
        String path = "/api/now/attachment/" + ServiceNowApi.segment(sysId);
        Map<?, ?> meta = api.send(api.request("GET", path)).object().get("result") instanceof Map<?, ?> m ? m : Map.of();
        Object bytes = api.send(api.request("GET", path + "/file").header("Accept", "*/*").binary()).data();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fileName", meta.get("file_name"));
        out.put("contentType", meta.get("content_type"));
        out.put("base64", bytes instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : "");
        return out;
    }

    /**
     * The records of a table an encoded query matches. {@code orderBy} ("sys_created_on", "-priority" for
     * descending) joins the query as {@code ORDERBY} / {@code ORDERBYDESC}, the Table API's only way to sort.
     */
    private static Object list(ConnectorCall call, String table, String query) throws StepFailure {
        String orderBy = call.text("orderBy");
        if (orderBy != null) {
            String order = orderBy.startsWith("-") ? "ORDERBYDESC" + orderBy.substring(1) : "ORDERBY" + orderBy;
            query = query == null ? order : query + "^" + order;
        }
        ServiceNowApi api = new ServiceNowApi(call);
        return api.send(display(call, api.request("GET", ServiceNowApi.TABLE + ServiceNowApi.segment(table)))
                .query("sysparm_query", query)
                .query("sysparm_limit", call.number("limit") == null ? DEFAULT_LIMIT : call.number("limit"))
                .query("sysparm_offset", call.number("offset"))
                .query("sysparm_fields", fields(call))).data();
    }

    /** {@code fields} as the Table API wants it: names joined by commas (a list or one comma-separated text). */
    private static String fields(ConnectorCall call) throws StepFailure {
        var names = call.strings("fields");
        return names == null || names.isEmpty() ? null : String.join(",", names);
    }

    /** {@code sysparm_display_value}: true unless {@code displayValue} says false or all. */
    private static ConnectorHttp.Request display(ConnectorCall call, ConnectorHttp.Request request)
            throws StepFailure {
        return request.query("sysparm_display_value", call.textOr("displayValue", "true"));
    }

    private static String firstText(ConnectorCall call, String... names) throws StepFailure {
        for (String name : names) {
            if (call.text(name) != null) {
                return call.text(name);
            }
        }
        return null;
    }
}
